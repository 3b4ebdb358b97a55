package health.careloop.rules;

import java.time.Instant;
import java.util.Arrays;

/**
 * The kinds of message CareLoop writes. Each code is a concept of the CodeSystem
 * {@code https://careloop.health/fhir/CodeSystem/message-kind} (fhir-profiles/); a kind written from
 * templates ({@link #fromTemplates()}) has the template folder of that name under {@code config/templates}.
 */
public enum MessageKind {
  APPOINTMENT_CONFIRMATION("appointment-confirmation", "Appointment confirmation"),
  APPOINTMENT_REMINDER("appointment-reminder", "Appointment reminder"),
  APPOINTMENT_MOVED("appointment-moved", "Appointment moved"),
  APPOINTMENT_CANCELLED("appointment-cancelled", "Appointment cancelled"),
  APPOINTMENT_MISSED("appointment-missed", "Appointment missed"),
  /** Follow-up content after a finished visit: its text comes from the content library, not a template. */
  FOLLOW_UP_CONTENT("followup-content", "Follow-up content");

  private final String code;
  private final String display;

  MessageKind(String code, String display) {
    this.code = code;
    this.display = display;
  }

  public String code() {
    return code;
  }

  /**
   * Whether a message of this kind would go out too late at {@code at}: nothing but a no-show
   * message goes out at or after the appointment's start. How long after the start a no-show
   * message may still go out is {@link MissedMessagePolicy}'s to say.
   */
  public boolean tooLate(Instant start, Instant at) {
    return this != APPOINTMENT_MISSED && this != FOLLOW_UP_CONTENT && start != null && !at.isBefore(start);
  }

  /** Whether its text is written from a template of {@code config/templates} (else from the content library). */
  public boolean fromTemplates() {
    return this != FOLLOW_UP_CONTENT;
  }

  /** The CodeSystem's display of the code. */
  public String display() {
    return display;
  }

  public static MessageKind fromCode(String code) {
    return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("Unknown message kind: " + code));
  }
}
