package health.careloop.writeback;

import health.careloop.config.RecipientProperties;
import health.careloop.ehr.PatientAtSendTime;
import health.careloop.rules.Guardian;
import health.careloop.rules.GuardianPolicy;
import health.careloop.rules.MessageKeys;
import health.careloop.rules.Recipient;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler.DispatchOutcome;
import health.careloop.schedule.MessageSchedule;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;

/**
 * Who a due message goes to, decided again just before it is sent with the same
 * {@link GuardianPolicy} the planning used, from what the EHR records now. A guardian's copy goes to
 * the guardian only while they still receive the patient's messages; when the patient receives
 * them now (a minor who has come of age, or whose only guardian is no longer recorded) and their own
 * copy was not planned, the patient gets it, under their own message key: a retry, or the copy
 * planned for a second guardian, finds the one Communication (or Task) already written.
 */
@Component
class SendTimeRecipients {

  private final MessageSchedule schedule;
  private final GuardianPolicy policy;

  SendTimeRecipients(MessageSchedule schedule, RecipientProperties recipients) {
    this.schedule = schedule;
    this.policy = recipients.policy();
  }

  /**
   * @param guardian the guardian to write to; null if none
   * @param toPatient the message to write to the patient (for a guardian's copy: under the
   *     patient's own key); null if none
   * @param reason why this differs from the plan (when both are null: why nobody gets it); null
   *     when it goes as planned
   */
  record Addressees(Guardian guardian, DueMessage toPatient, String reason) {

    boolean nobody() {
      return guardian == null && toPatient == null;
    }
  }

  /**
   * A patient's own message goes to the patient; a guardian's copy is decided again, from those
   * around the patient as {@code read} for this message.
   */
  Addressees of(DueMessage message, PatientAtSendTime read, Recipient patient, LocalDate today, Instant now) {
    if (message.guardian() == null) {
      return new Addressees(null, message, null);
    }
    Optional<String> patientsKey = MessageKeys.patientsOwn(message.messageKey(), message.patientId(), message.guardian());
    boolean patientsOwnPlanned = patientsKey.map(schedule::isPlanned).orElse(true);
    GuardianPolicy.AtSendTime decided = policy.atSendTime(message.guardian(), patient.birthDate().orElse(null),
        read.contacts(now), today, patientsOwnPlanned);
    // The same message, to the patient, under their own key.
    return new Addressees(decided.guardian(),
        decided.patient() ? message.to(patientsKey.orElseThrow(), null) : null, decided.reason());
  }

  /**
   * Writes the message for whom {@code to} names, with {@code deliver} (given the message under the
   * key it goes out with, and the guardian, null for the patient), and says what became of it.
   */
  static DispatchOutcome deliver(DueMessage message, Addressees to, BiFunction<DueMessage, Guardian, DispatchOutcome> deliver) {
    if (to.guardian() == null) {
      DispatchOutcome toPatient = deliver.apply(to.toPatient(), null);
      return message.guardian() == null ? toPatient : instead(toPatient, to.reason());
    }
    DispatchOutcome toGuardian = deliver.apply(message, to.guardian());
    return to.toPatient() == null ? toGuardian
        : alsoToPatient(toGuardian, deliver.apply(to.toPatient(), null), to.reason());
  }

  /** A guardian's copy that went to the patient instead: the outcome, saying so. */
  static DispatchOutcome instead(DispatchOutcome forPatient, String reason) {
    if (forPatient instanceof DispatchOutcome.Sent sent) {
      return new DispatchOutcome.Sent(sent.communicationId(), sent.included(), "sent to the patient instead: " + reason,
          sent.recordedWith());
    }
    if (forPatient instanceof DispatchOutcome.HandedToStaff handed) {
      return new DispatchOutcome.HandedToStaff(handed.taskId(), handed.included(),
          handed.reason() + ", for the patient instead: " + reason);
    }
    if (forPatient instanceof DispatchOutcome.Skipped skipped) {
      return DispatchOutcome.skipped(skipped.reason() + " (for the patient instead: " + reason + ")");
    }
    return forPatient;
  }

  /** A guardian's copy that went to the guardian and to the patient too: the guardian's outcome, noting the patient's. */
  static DispatchOutcome alsoToPatient(DispatchOutcome forGuardian, DispatchOutcome forPatient, String reason) {
    String also = "also for the patient (" + reason + "): " + what(forPatient);
    if (forGuardian instanceof DispatchOutcome.Sent sent) {
      return new DispatchOutcome.Sent(sent.communicationId(), sent.included(), also, sent.recordedWith());
    }
    if (forGuardian instanceof DispatchOutcome.HandedToStaff handed) {
      return new DispatchOutcome.HandedToStaff(handed.taskId(), handed.included(), handed.reason() + "; " + also);
    }
    if (forGuardian instanceof DispatchOutcome.Skipped skipped) {
      return DispatchOutcome.skipped(skipped.reason() + "; " + also);
    }
    return forGuardian;
  }

  private static String what(DispatchOutcome outcome) {
    if (outcome instanceof DispatchOutcome.Sent sent) {
      return "sent as " + sent.communicationId();
    }
    if (outcome instanceof DispatchOutcome.HandedToStaff handed) {
      return "handed to staff as " + handed.taskId();
    }
    if (outcome instanceof DispatchOutcome.Skipped skipped) {
      return "not sent, " + skipped.reason();
    }
    return "deferred";
  }
}
