package health.careloop.schedule;

import java.time.Instant;

/**
 * A planned message as others may see it.
 *
 * @param guardian the guardian it goes to ({@link MessageDraft#guardian()}); null for the patient
 * @param createdAt when it was planned
 * @param updatedAt when its status last changed (or when it was planned)
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
    Instant updatedAt) {

  /** Without the timestamps (as before they were exposed). */
  public PlannedMessageView(String id, String messageKey, String kind, String appointmentId,
      String patientId, Instant dueAt, PlannedMessageStatus status, String statusReason,
      String communicationId) {
    this(id, messageKey, kind, appointmentId, patientId, dueAt, status, statusReason, communicationId,
        null, null, null);
  }
}
