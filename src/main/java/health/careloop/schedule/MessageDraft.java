package health.careloop.schedule;

import health.careloop.rules.MessageKind;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message a feature wants sent.
 *
 * @param messageKey deterministic key: the same message planned twice has the same key, and the
 *     Communication written for it carries the key as its identifier
 * @param appointmentId the Appointment it is about (logical id); null for a message about an Encounter
 * @param patientId the Patient it is for (logical id)
 * @param appointmentStart the start the message was planned against: dispatch refuses to send
 *     if the EHR now says otherwise, and never sends after it
 * @param dueAt when it should go out
 * @param previousStart for a "your appointment has moved" notice, the start it moved from
 * @param onlyIfUnconfirmed dispatch skips it if the patient has accepted the appointment by then
 * @param preferredChannel how the EHR says the recipient prefers to be reached ({@code sms},
 *     {@code email}, {@code phone}), null if it says nothing usable: kept for the delivery
 *     channels to come
 * @param guardian when the message goes to a guardian of the patient, their reference
 *     ({@code RelatedPerson/<id>} or {@code Patient/<id>#contact-<key>}); for a clinician summary, the
 *     clinician's ({@code Practitioner/<id>} or {@code PractitionerRole/<id>}); null when it goes to
 *     the patient
 * @param groupKey drafts with the same group key go out as one message listing their appointments
 *     (a recipient's reminders for appointments on the same day); null for a message that stands alone
 * @param encounterId the Encounter it is about (logical id), for a follow-up after a visit; null for
 *     a message about an Appointment. A message is about exactly one of the two.
 * @param content what the feature needs at send time to write the text (a follow-up's content
 *     items), opaque to the schedule; empty for messages written from templates
 * @param draftContent made of content whose clinical review was not current when it was planned
 */
public record MessageDraft(
    String messageKey,
    MessageKind kind,
    String appointmentId,
    String patientId,
    Instant appointmentStart,
    Instant dueAt,
    Instant previousStart,
    boolean onlyIfUnconfirmed,
    String preferredChannel,
    String guardian,
    String groupKey,
    String encounterId,
    List<String> content,
    boolean draftContent) {

  public MessageDraft {
    Objects.requireNonNull(messageKey, "messageKey");
    Objects.requireNonNull(kind, "kind");
    if ((appointmentId == null) == (encounterId == null)) {
      throw new IllegalArgumentException("A message is about an Appointment or an Encounter: " + messageKey);
    }
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(dueAt, "dueAt");
    content = List.copyOf(content);
  }

  /** This draft, due at {@code at} instead (the same message otherwise: key, recipient, content). */
  public MessageDraft withDueAt(Instant at) {
    return at.equals(dueAt) ? this : new MessageDraft(messageKey, kind, appointmentId, patientId, appointmentStart, at,
        previousStart, onlyIfUnconfirmed, preferredChannel, guardian, groupKey, encounterId, content, draftContent);
  }

  /** A message about an Appointment, written from a template. */
  public MessageDraft(String messageKey, MessageKind kind, String appointmentId, String patientId,
      Instant appointmentStart, Instant dueAt, Instant previousStart, boolean onlyIfUnconfirmed,
      String preferredChannel, String guardian, String groupKey) {
    this(messageKey, kind, appointmentId, patientId, appointmentStart, dueAt, previousStart, onlyIfUnconfirmed,
        preferredChannel, guardian, groupKey, null, List.of(), false);
  }

  /** A message about a finished Encounter: a follow-up made of {@code content}, or a clinician summary. */
  public static MessageDraft aboutEncounter(String messageKey, MessageKind kind, String encounterId, String patientId,
      Instant dueAt, String preferredChannel, String guardian, List<String> content, boolean draftContent) {
    return new MessageDraft(messageKey, kind, null, patientId, null, dueAt, null, false, preferredChannel, guardian,
        null, encounterId, content, draftContent);
  }
}
