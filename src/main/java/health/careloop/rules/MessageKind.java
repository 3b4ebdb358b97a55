package health.careloop.rules;

import java.time.Instant;
import java.util.Arrays;

/**
 * The kinds of message CareLoop writes. Each code is a concept of the CodeSystem
 * {@code https://careloop.health/fhir/CodeSystem/message-kind} (fhir-profiles/); the code of a
 * kind written from templates is also the name of its template folder under {@code config/templates}.
 */
public enum MessageKind {
  APPOINTMENT_CONFIRMATION("appointment-confirmation", "Appointment confirmation", true),
  APPOINTMENT_REMINDER("appointment-reminder", "Appointment reminder", true),
  APPOINTMENT_MOVED("appointment-moved", "Appointment moved", true),
  APPOINTMENT_CANCELLED("appointment-cancelled", "Appointment cancelled", true),
  APPOINTMENT_MISSED("appointment-missed", "Appointment missed", true),
  /**
   * To the clinicians responsible for an encounter, once it has finished: the patient's open work
   * (health.careloop.summaries). Not a patient message: its text is written by CareLoop in the
   * clinicians' language, not from the hospital's patient templates.
   */
  CLINICIAN_TASK_SUMMARY("clinician-task-summary", "Clinician task summary", false),
  /**
   * Each clinic morning, to each clinician with appointments that day: the open work of the day's
   * patients in appointment order (health.careloop.summaries.digest). Not a patient message; written
   * by its daily run, never planned.
   */
  CLINICIAN_DIGEST("clinician-digest", "Clinician digest", false),
  /** Follow-up content after a finished visit: its text comes from the content library, not a template. */
  FOLLOW_UP_CONTENT("followup-content", "Follow-up content", false),
  /**
   * To the people the patient permitted (a RelatedPerson named by an active Consent) while the
   * patient is in surgery: it has started, or it is over and they are in recovery. Nothing clinical:
   * its templates may say only that (docs/family-updates.md).
   */
  SURGERY_UPDATE("surgery-update", "Surgery update", true);

  private final String code;
  private final String display;
  private final boolean templated;

  MessageKind(String code, String display, boolean templated) {
    this.code = code;
    this.display = display;
    this.templated = templated;
  }

  /** Whether its text comes from {@code config/templates/<code>/} (appointment messages; a follow-up's comes from the content library). */
  public boolean templated() {
    return templated;
  }

  public String code() {
    return code;
  }

  /**
   * Whether a message of this kind would go out too late at {@code at}: nothing but a no-show
   * message goes out at or after the appointment's start. How long after the start a no-show
   * message may still go out is {@link MissedMessagePolicy}'s to say. A clinician task summary is
   * written after the encounter it is about, and a clinician digest before the day's appointments
   * it lists, about several of them, so the start never makes either too late.
   */
  public boolean tooLate(Instant start, Instant at) {
    return this != APPOINTMENT_MISSED && this != CLINICIAN_TASK_SUMMARY && this != CLINICIAN_DIGEST
        && this != FOLLOW_UP_CONTENT && this != SURGERY_UPDATE
        && start != null && !at.isBefore(start);
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
