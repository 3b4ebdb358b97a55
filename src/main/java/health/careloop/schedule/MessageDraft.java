package health.careloop.schedule;

import health.careloop.rules.MessageKind;
import java.time.Instant;
import java.util.Objects;

/**
 * A message a feature wants sent.
 *
 * @param messageKey deterministic key: the same message planned twice has the same key, and the
 *     Communication written for it carries the key as its identifier
 * @param appointmentId the Appointment it is about (logical id)
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
 *     ({@code RelatedPerson/<id>} or {@code Patient/<id>#contact-<key>}); null when it goes to the patient
 * @param groupKey drafts with the same group key go out as one message listing their appointments
 *     (a recipient's reminders for appointments on the same day); null for a message that stands alone
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
    String groupKey) {

  public MessageDraft {
    Objects.requireNonNull(messageKey, "messageKey");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(appointmentId, "appointmentId");
    Objects.requireNonNull(patientId, "patientId");
    Objects.requireNonNull(dueAt, "dueAt");
  }
}
