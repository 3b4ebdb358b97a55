package health.careloop.schedule;

import java.time.Instant;

/**
 * A planned message as others may see it.
 *
 * @param dueAt when it is due; a deferral at send time moves it
 * @param statusReason why it ended as it did; while pending, set only when its due time was moved
 *     at send time (the time it moved from and why)
 * @param guardian the guardian it goes to ({@link MessageDraft#guardian()}); null for the patient
 * @param createdAt when it was planned
 * @param updatedAt when its status last changed (or when it was planned)
 * @param taskId the Task for staff written instead of the message (status HANDED_TO_STAFF), else null
 * @param encounterId the Encounter a follow-up is about (then {@code appointmentId} is null), else null
 */
public record PlannedMessageView(
    String id,
    String messageKey,
    String kind,
    String appointmentId,
    String patientId,
    Instant dueAt,
    PlannedMessageStatus status,
    String statusReason,
    String communicationId,
    String guardian,
    Instant createdAt,
    Instant updatedAt,
    String taskId,
    String encounterId) {

  /** A message about an Appointment. */
  public PlannedMessageView(String id, String messageKey, String kind, String appointmentId, String patientId,
      Instant dueAt, PlannedMessageStatus status, String statusReason, String communicationId, String guardian,
      Instant createdAt, Instant updatedAt, String taskId) {
    this(id, messageKey, kind, appointmentId, patientId, dueAt, status, statusReason, communicationId, guardian,
        createdAt, updatedAt, taskId, null);
  }
}
