package health.careloop.writeback;

import health.careloop.compose.RenderedMessage;
import health.careloop.config.DeliveryProperties;
import health.careloop.rules.ContactPoint;
import health.careloop.rules.Guardian;
import health.careloop.rules.PreferredContact;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler.DispatchOutcome;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * CareLoop has no delivery channel of its own yet (no SMS, no e-mail): a Communication it writes
 * reaches the patient only through the EHR's patient portal ({@code careloop.delivery.patient-portal}).
 * Without a portal, a Communication "completed, sent, portal/inbox" would claim a delivery that never
 * happened, whatever telecom the EHR records. So without a portal no Communication is written:
 * staff get a Task in the EHR instead ({@code careloop.delivery.staff-task}), or, with Tasks switched
 * off, the plan records the skip. Either way the reason says what was missing: a channel for the
 * contact the EHR prefers, or any usable telecom at all.
 */
@Component
class UnreachableRecipients {

  /** What to do with a composed message. */
  enum Decision { WRITE_COMMUNICATION, HAND_TO_STAFF, SKIP }

  private final boolean patientPortal;
  private final DeliveryProperties.StaffTaskSetting staffTask;
  private final StaffTaskWriter writer;

  UnreachableRecipients(DeliveryProperties delivery, StaffTaskWriter writer) {
    this.patientPortal = delivery.patientPortal();
    this.staffTask = delivery.staffTask();
    this.writer = writer;
  }

  /** Pure: only the portal delivers a Communication; without it, staff or a recorded skip. */
  static Decision decide(boolean patientPortal, boolean staffTaskEnabled) {
    if (patientPortal) {
      return Decision.WRITE_COMMUNICATION;
    }
    return staffTaskEnabled ? Decision.HAND_TO_STAFF : Decision.SKIP;
  }

  /**
   * Pure: why a message cannot be delivered without the portal, to someone whose preferred usable
   * contact is {@code preferred} (see {@link PreferredContact#contact}).
   */
  static String whyUndeliverable(Optional<ContactPoint> preferred) {
    return preferred.map(c -> "no delivery channel for " + c.channel() + " and no patient portal")
        .orElse("no usable telecom and no patient portal");
  }

  /**
   * Empty if the Communication is to be written (the portal delivers it); else what became of the
   * message instead (a Task for staff written to the EHR, or a skip), with the reason.
   *
   * @param telecom the recipient's (the patient's, or the guardian's for a guardian's copy)
   * @param included planned message ids of the group whose appointments the text lists too
   * @param guardian the guardian a guardian's copy goes to; null for the patient
   */
  Optional<DispatchOutcome> instead(DueMessage message, List<ContactPoint> telecom, RenderedMessage rendered,
      Instant appointmentStart, Instant now, List<String> included, Guardian guardian) {
    Decision decision = decide(patientPortal, staffTask.enabled());
    if (decision == Decision.WRITE_COMMUNICATION) {
      return Optional.empty();
    }
    Optional<ContactPoint> preferred = PreferredContact.contact(telecom, now);
    String why = whyUndeliverable(preferred);
    if (decision == Decision.SKIP) {
      return Optional.of(DispatchOutcome.skipped(why));
    }
    String taskId = writer.write(StaffTaskTranslator.toTask(message, rendered, appointmentStart, now,
        staffTask.ownerReference(), guardian, why, preferred));
    return Optional.of(DispatchOutcome.handedToStaff(taskId, included, why + ": handed to staff"));
  }
}
