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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;

/**
 * Who a due message goes to, decided again just before it is sent with the same
 * {@link GuardianPolicy} the planning used, from what the EHR records now. A guardian's copy goes to
 * the guardian only while they still receive the patient's messages; when the patient receives
 * them now (a minor who has come of age, or whose only guardian is no longer recorded) and their own
 * copy was not planned, the patient gets it, under their own message key. The other way round, a
 * message planned for the patient themself (nobody else could be written to then) goes to a guardian
 * or parent recorded since, under that guardian's key, instead of the patient or as well, as the
 * policy says: a child's reminder goes to the parent recorded yesterday, not to the child. Under the
 * recipient's own key, a retry, or the copy planned for that recipient, finds the one Communication
 * (or Task) already written.
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
   * One recipient's copy: the message under the key it goes out with, and the guardian it goes to
   * (null: the patient).
   */
  record Copy(DueMessage message, Guardian guardian) {}

  /**
   * @param copies whom it goes to; the first one's outcome is the plan's, the others' are noted
   *     with it. Empty: nobody
   * @param reason why this differs from the plan (when nobody gets it: why); null when it goes as
   *     planned
   */
  record Addressees(List<Copy> copies, String reason) {

    Addressees {
      copies = List.copyOf(copies);
    }

    boolean nobody() {
      return copies.isEmpty();
    }
  }

  /** Decided again, from those around the patient as {@code read} for this message. */
  Addressees of(DueMessage message, PatientAtSendTime read, Recipient patient, LocalDate today, Instant now) {
    return message.guardian() == null ? ofPatientsOwn(message, read, patient, today, now)
        : ofGuardiansCopy(message, read, patient, today, now);
  }

  private Addressees ofGuardiansCopy(DueMessage message, PatientAtSendTime read, Recipient patient, LocalDate today,
      Instant now) {
    Optional<String> patientsKey = MessageKeys.patientsOwn(message.messageKey(), message.patientId(), message.guardian());
    boolean patientsOwnPlanned = patientsKey.map(schedule::isPlanned).orElse(true);
    GuardianPolicy.AtSendTime decided = policy.atSendTime(message.guardian(), patient.birthDate().orElse(null),
        read.contacts(now), today, patientsOwnPlanned);
    List<Copy> copies = new ArrayList<>();
    if (decided.guardian() != null) {
      copies.add(new Copy(message, decided.guardian()));
    }
    if (decided.patient()) {
      // The same message, to the patient, under their own key.
      copies.add(new Copy(message.to(patientsKey.orElseThrow(), null), null));
    }
    return new Addressees(copies, decided.reason());
  }

  private Addressees ofPatientsOwn(DueMessage message, PatientAtSendTime read, Recipient patient, LocalDate today,
      Instant now) {
    // A key that does not name the patient as its recipient (none is planned so) could not be given
    // to a guardian: such a message goes as planned.
    if (!policy.mayChooseGuardians() || !MessageKeys.isPatientsOwn(message.messageKey(), message.patientId())) {
      return new Addressees(List.of(new Copy(message, null)), null);
    }
    GuardianPolicy.PatientsOwnAtSendTime decided = policy.patientsOwnAtSendTime(patient.birthDate().orElse(null),
        read.contacts(now), today, guardian -> schedule.isPlanned(guardiansKey(message, guardian)));
    List<Copy> copies = new ArrayList<>();
    if (decided.patient()) {
      copies.add(new Copy(message, null));
    }
    // The same message, to each guardian, under their own key.
    decided.guardians().forEach(guardian ->
        copies.add(new Copy(message.to(guardiansKey(message, guardian), guardian.reference()), guardian)));
    return new Addressees(copies, decided.reason());
  }

  private static String guardiansKey(DueMessage patientsOwn, Guardian guardian) {
    return MessageKeys.guardiansCopy(patientsOwn.messageKey(), patientsOwn.patientId(), guardian.reference()).orElseThrow();
  }

  /**
   * Writes the message for each recipient {@code to} names, with {@code deliver} (given the message
   * under the key it goes out with, and the guardian, null for the patient), and says what became of
   * it: the first recipient's outcome, saying when that is not whom it was planned for, with what
   * became of the others' copies.
   */
  static DispatchOutcome deliver(DueMessage message, Addressees to, BiFunction<DueMessage, Guardian, DispatchOutcome> deliver) {
    Copy first = to.copies().get(0);
    DispatchOutcome outcome = deliver.apply(first.message(), first.guardian());
    if (!first.message().messageKey().equals(message.messageKey())) {
      outcome = instead(outcome, whom(first), to.reason());
    }
    for (Copy other : to.copies().subList(1, to.copies().size())) {
      outcome = also(outcome, whom(other), deliver.apply(other.message(), other.guardian()), to.reason());
    }
    return outcome;
  }

  private static String whom(Copy copy) {
    return copy.guardian() == null ? "the patient" : "the guardian";
  }

  /**
   * A copy that went to another recipient than planned ({@code whom}: "the patient", "the
   * guardian") instead: the outcome, saying so.
   */
  static DispatchOutcome instead(DispatchOutcome forOther, String whom, String reason) {
    if (forOther instanceof DispatchOutcome.Sent sent) {
      return new DispatchOutcome.Sent(sent.communicationId(), sent.included(), "sent to " + whom + " instead: " + reason,
          sent.recordedWith());
    }
    if (forOther instanceof DispatchOutcome.HandedToStaff handed) {
      return new DispatchOutcome.HandedToStaff(handed.taskId(), handed.included(),
          handed.reason() + ", for " + whom + " instead: " + reason);
    }
    if (forOther instanceof DispatchOutcome.Skipped skipped) {
      return DispatchOutcome.skipped(skipped.reason() + " (for " + whom + " instead: " + reason + ")");
    }
    return forOther;
  }

  /**
   * A copy that went to one more recipient ({@code whom}): the outcome recorded so far, noting that
   * recipient's.
   */
  static DispatchOutcome also(DispatchOutcome recorded, String whom, DispatchOutcome forThem, String reason) {
    String also = "also for " + whom + " (" + reason + "): " + what(forThem);
    if (recorded instanceof DispatchOutcome.Sent sent) {
      return new DispatchOutcome.Sent(sent.communicationId(), sent.included(),
          sent.note() == null ? also : sent.note() + "; " + also, sent.recordedWith());
    }
    if (recorded instanceof DispatchOutcome.HandedToStaff handed) {
      return new DispatchOutcome.HandedToStaff(handed.taskId(), handed.included(), handed.reason() + "; " + also);
    }
    if (recorded instanceof DispatchOutcome.Skipped skipped) {
      return DispatchOutcome.skipped(skipped.reason() + "; " + also);
    }
    return recorded;
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
