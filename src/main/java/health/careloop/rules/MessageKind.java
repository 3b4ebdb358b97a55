package health.careloop.rules;

import java.time.Instant;
import java.util.Arrays;

/**
 * The kinds of message CareLoop writes. Each code is a concept of the CodeSystem
 * {@code https://careloop.health/fhir/CodeSystem/message-kind} (fhir-profiles/) and the name of
 * the template folder under {@code config/templates}.
 */
public enum MessageKind {
  APPOINTMENT_CONFIRMATION("appointment-confirmation", "Appointment confirmation"),
  APPOINTMENT_REMINDER("appointment-reminder", "Appointment reminder"),
  APPOINTMENT_MOVED("appointment-moved", "Appointment moved"),
  APPOINTMENT_CANCELLED("appointment-cancelled", "Appointment cancelled"),
  APPOINTMENT_MISSED("appointment-missed", "Appointment missed");

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
    return this != APPOINTMENT_MISSED && start != null && !at.isBefore(start);
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
