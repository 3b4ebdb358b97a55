package health.careloop.schedule;

import health.careloop.rules.MessageKind;
import java.time.Instant;
import java.util.List;

/**
 * A planned message whose time has come, as handed to the {@link DueMessageHandler}.
 *
 * @param guardian the guardian it goes to ({@link MessageDraft#guardian()}); null for the patient
 * @param encounterId the Encounter a follow-up is about; null when it is about {@code appointmentId}
 * @param content what it is made of ({@link MessageDraft#content()})
 * @param draftContent made of content whose review was not current when planned
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
    String guardian,
    String encounterId,
    List<String> content,
    boolean draftContent) {

  public DueMessage {
    content = List.copyOf(content);
  }

  /** A message about an Appointment, written from a template. */
  public DueMessage(String plannedMessageId, String messageKey, MessageKind kind, String appointmentId,
      String patientId, Instant appointmentStart, Instant dueAt, Instant previousStart, boolean onlyIfUnconfirmed,
      String guardian) {
    this(plannedMessageId, messageKey, kind, appointmentId, patientId, appointmentStart, dueAt, previousStart,
        onlyIfUnconfirmed, guardian, null, List.of(), false);
  }

  /** The same message, to another recipient under another key (null {@code guardian}: the patient). */
  public DueMessage to(String otherKey, String otherGuardian) {
    return new DueMessage(plannedMessageId, otherKey, kind, appointmentId, patientId, appointmentStart, dueAt,
        previousStart, onlyIfUnconfirmed, otherGuardian, encounterId, content, draftContent);
  }

  /** The resource it is about: {@code Appointment/<id>} or {@code Encounter/<id>}. */
  public String about() {
    return encounterId != null ? "Encounter/" + encounterId : "Appointment/" + appointmentId;
  }
}
