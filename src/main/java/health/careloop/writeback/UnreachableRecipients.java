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
 * A message for someone CareLoop cannot reach is never dropped without a record (issue 4): with no
 * patient portal ({@code careloop.delivery.patient-portal: false}) and no usable telecom, staff get a
 * Task in the EHR instead ({@code careloop.delivery.staff-task}), or, with Tasks switched off, the plan
 * records the skip and why.
 *
 * <p>With the portal on nothing changes: the Communication reaches the patient there. With the portal
 * off but a usable telecom, the Communication is still written as before: no delivery channel (SMS,
 * e-mail) exists yet, and the channels, when they come, will send through that telecom.
 */
@Component
class UnreachableRecipients {

  static final String NO_WAY_TO_REACH = "no usable telecom and no patient portal";

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

  /** Pure: the decision for a recipient with this telecom, at {@code now}. */
  static Decision decide(boolean patientPortal, boolean staffTaskEnabled, List<ContactPoint> telecom, Instant now) {
    if (patientPortal || PreferredContact.channel(telecom, now).isPresent()) {
      return Decision.WRITE_COMMUNICATION;
    }
    return staffTaskEnabled ? Decision.HAND_TO_STAFF : Decision.SKIP;
  }

  /**
   * Empty if the Communication is to be written as usual; else what became of the message instead
   * (a Task for staff written to the EHR, or a skip).
   *
   * @param telecom the recipient's (the patient's, or the guardian's for a guardian's copy)
   * @param included planned message ids of the group whose appointments the text lists too
   * @param guardian the guardian a guardian's copy goes to; null for the patient
   */
  Optional<DispatchOutcome> instead(DueMessage message, List<ContactPoint> telecom, RenderedMessage rendered,
      Instant appointmentStart, Instant now, List<String> included, Guardian guardian) {
    return switch (decide(patientPortal, staffTask.enabled(), telecom, now)) {
      case WRITE_COMMUNICATION -> Optional.empty();
      case SKIP -> Optional.of(DispatchOutcome.skipped(NO_WAY_TO_REACH));
      case HAND_TO_STAFF -> Optional.of(DispatchOutcome.handedToStaff(writer.write(
          StaffTaskTranslator.toTask(message, rendered, appointmentStart, now, staffTask.ownerReference(), guardian)),
          included));
    };
  }
}
