package health.careloop.writeback;

import static health.careloop.writeback.UnreachableRecipients.Decision.HAND_TO_STAFF;
import static health.careloop.writeback.UnreachableRecipients.Decision.SKIP;
import static health.careloop.writeback.UnreachableRecipients.Decision.WRITE_COMMUNICATION;
import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.compose.RenderedMessage;
import health.careloop.config.DeliveryProperties;
import health.careloop.rules.ContactPoint;
import health.careloop.rules.Guardian;
import health.careloop.rules.MessageKind;
import health.careloop.rules.PreferredContact;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler.DispatchOutcome;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;

class UnreachableRecipientsTest {

  private static final Instant NOW = Instant.parse("2026-12-08T09:30:00Z");
  private static final Instant START = Instant.parse("2026-12-10T09:30:00Z");
  private static final List<ContactPoint> NONE = List.of();
  private static final List<ContactPoint> SMS = List.of(new ContactPoint("sms", false, 1, null));
  private static final List<ContactPoint> MOBILE = List.of(new ContactPoint("phone", true, 1, null));
  private static final List<ContactPoint> EMAIL = List.of(new ContactPoint("email", false, null, null));
  private static final DueMessage MESSAGE = new DueMessage("pm-1", "Appointment/a1:Patient/p1:reminder-P2D:" + START,
      MessageKind.APPOINTMENT_REMINDER, "a1", "p1", START, NOW, null, false, null);
  private static final RenderedMessage TEXT = new RenderedMessage(MessageKind.APPOINTMENT_REMINDER, "en", "Hello Sam");

  private final List<Task> written = new ArrayList<>();
  private final StaffTaskWriter writer = new StaffTaskWriter(null, null, null) {
    @Override
    public String write(Task task) {
      written.add(task);
      return "Task/t" + written.size();
    }
  };

  @Test
  void withThePortal_theCommunicationIsWritten_evenWithoutTelecom() {
    assertThat(UnreachableRecipients.decide(true, true)).isEqualTo(WRITE_COMMUNICATION);
    assertThat(UnreachableRecipients.decide(true, false)).isEqualTo(WRITE_COMMUNICATION);
    assertThat(outcome(unreachable(true, true), SMS)).isEmpty();
    assertThat(outcome(unreachable(true, false), NONE)).isEmpty();
    assertThat(written).isEmpty();
  }

  @Test
  void withoutThePortal_aUsableTelecomIsNoDeliveryChannel_theMessageIsNeverWrittenAsDelivered() {
    assertThat(UnreachableRecipients.decide(false, true)).isEqualTo(HAND_TO_STAFF);
    assertThat(UnreachableRecipients.decide(false, false)).isEqualTo(SKIP);
    assertThat(UnreachableRecipients.whyUndeliverable(PreferredContact.contact(SMS, NOW)))
        .isEqualTo("no delivery channel for sms and no patient portal");
    assertThat(UnreachableRecipients.whyUndeliverable(PreferredContact.contact(EMAIL, NOW)))
        .isEqualTo("no delivery channel for email and no patient portal");
    assertThat(UnreachableRecipients.whyUndeliverable(PreferredContact.contact(NONE, NOW)))
        .isEqualTo("no usable telecom and no patient portal");
  }

  @Test
  void withoutThePortal_aPatientWithAnSmsNumber_isHandedToStaff_whoAreToldWhichContactTheEhrPrefers() {
    Optional<DispatchOutcome> outcome = outcome(unreachable(false, true), SMS);

    assertThat(outcome).contains(DispatchOutcome.handedToStaff("Task/t1", List.of(),
        "no delivery channel for sms and no patient portal: handed to staff"));
    assertThat(written).singleElement().satisfies(task -> assertThat(task.getDescription()).isEqualTo(
        "No delivery channel for sms and no patient portal: please give the patient this appointment reminder."
            + " The contact the EHR prefers for them: sms, rank 1."));
  }

  @Test
  void aMobilePhone_isAnSmsContact_andTheTaskNamesItAsTheEhrRecordsIt() {
    outcome(unreachable(false, true), MOBILE);

    assertThat(written).singleElement().satisfies(task -> assertThat(task.getDescription()).isEqualTo(
        "No delivery channel for sms and no patient portal: please give the patient this appointment reminder."
            + " The contact the EHR prefers for them: phone (mobile), rank 1."));
  }

  @Test
  void forAGuardiansCopy_theTaskSaysWhichOfTheGuardiansContactsTheEhrPrefers() {
    Guardian mother = new Guardian("RelatedPerson/m1", "Ana", List.of(), List.of(), EMAIL);

    unreachable(false, true).instead(MESSAGE, mother.telecom(), TEXT, START, NOW, List.of(), mother);

    assertThat(written).singleElement().satisfies(task -> assertThat(task.getDescription()).isEqualTo(
        "No delivery channel for email and no patient portal: please give the patient's guardian this appointment"
            + " reminder. The contact the EHR prefers for them: email."));
  }

  @Test
  void withoutThePortal_orAnyUsableTelecom_staffGetATask() {
    Optional<DispatchOutcome> outcome = outcome(unreachable(false, true), NONE);

    assertThat(outcome).contains(DispatchOutcome.handedToStaff("Task/t1", List.of(),
        "no usable telecom and no patient portal: handed to staff"));
    assertThat(written).singleElement().satisfies(task -> assertThat(task.getDescription()).isEqualTo(
        "No usable telecom and no patient portal: please give the patient this appointment reminder."));
  }

  @Test
  void anEndedNumberOrAFax_isNoWayToReachSomeone() {
    List<ContactPoint> unusable = List.of(
        new ContactPoint("sms", false, 1, NOW.minusSeconds(60)),
        new ContactPoint("fax", false, 2, null));

    assertThat(outcome(unreachable(false, false), unusable))
        .contains(DispatchOutcome.skipped("no usable telecom and no patient portal"));
  }

  @Test
  void withStaffTasksOff_theMessageIsSkipped_withTheReason_andNoTaskIsWritten() {
    assertThat(outcome(unreachable(false, false), NONE))
        .contains(DispatchOutcome.skipped("no usable telecom and no patient portal"));
    assertThat(outcome(unreachable(false, false), SMS))
        .contains(DispatchOutcome.skipped("no delivery channel for sms and no patient portal"));
    assertThat(written).isEmpty();
  }

  private UnreachableRecipients unreachable(boolean patientPortal, boolean staffTasks) {
    return new UnreachableRecipients(new DeliveryProperties(
        new DeliveryProperties.QuietHoursSetting(true, LocalTime.of(21, 0), LocalTime.of(8, 0)), patientPortal,
        new DeliveryProperties.StaffTaskSetting(staffTasks, "")), writer);
  }

  private static Optional<DispatchOutcome> outcome(UnreachableRecipients unreachable, List<ContactPoint> telecom) {
    return unreachable.instead(MESSAGE, telecom, TEXT, START, NOW, List.of(), null);
  }
}
