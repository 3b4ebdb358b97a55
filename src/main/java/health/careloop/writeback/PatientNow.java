package health.careloop.writeback;

import health.careloop.ehr.PatientAtSendTime;
import health.careloop.rules.Recipient;
import health.careloop.schedule.DueMessage;
import java.time.Instant;
import java.util.Optional;

/**
 * The patient a due message is about, as the EHR holds them now, or why nothing may go out about
 * them: no longer in the EHR, recorded as deceased, or opted out of the message's kind. Every message
 * to a patient or their guardian passes this check just before it is written, on what the EHR was
 * read to say for that message ({@link PatientAtSendTime}).
 *
 * @param patient the patient, when the message may go
 * @param whyNot why not, when it may not
 */
record PatientNow(Optional<Recipient> patient, String whyNot) {

  static PatientNow of(PatientAtSendTime read, DueMessage message, Instant now) {
    Optional<Recipient> patient = read.patient();
    if (patient.isEmpty()) {
      return new PatientNow(Optional.empty(), "the patient is no longer in the EHR");
    }
    if (patient.get().deceased()) {
      return new PatientNow(Optional.empty(), "the patient is recorded as deceased");
    }
    if (read.hasOptedOut(message.kind(), now)) {
      return new PatientNow(Optional.empty(), "the patient has opted out of " + message.kind().code() + " messages");
    }
    return new PatientNow(patient, null);
  }
}
