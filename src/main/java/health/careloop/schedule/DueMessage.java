package health.careloop.schedule;

import health.careloop.rules.MessageKind;
import java.time.Instant;

/**
 * A planned message whose time has come, as handed to the {@link DueMessageHandler}.
 *
 * @param guardian the guardian it goes to ({@link MessageDraft#guardian()}); null for the patient
 */
public record DueMessage(
    String plannedMessageId,
    String messageKey,
    MessageKind kind,
    String appointmentId,
    String patientId,
    Instant appointmentStart,
    Instant dueAt,
    Instant previousStart,
    boolean onlyIfUnconfirmed,
    String guardian) {}
