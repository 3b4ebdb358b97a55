package health.careloop.schedule;

import java.time.Instant;

/** A planned message as others may see it. */
public record PlannedMessageView(
    String id,
    String messageKey,
    String kind,
    String appointmentId,
    String patientId,
    Instant dueAt,
    PlannedMessageStatus status,
    String statusReason,
    String communicationId) {}
