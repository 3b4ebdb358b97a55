package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.schedule.DueMessageHandler.DispatchOutcome;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the plan records when a guardian's copy went, at send time, to the patient instead or too. */
class SendTimeRecipientsTest {

  private static final String ADULT = "the patient is now an adult";

  @Test
  void aCopyThatWentToThePatientInstead_saysSo_whateverBecameOfIt() {
    assertThat(SendTimeRecipients.instead(DispatchOutcome.sent("Communication/9", List.of("pm-2")), ADULT))
        .isEqualTo(new DispatchOutcome.Sent("Communication/9", List.of("pm-2"),
            "sent to the patient instead: the patient is now an adult"));
    assertThat(SendTimeRecipients.instead(DispatchOutcome.handedToStaff("Task/3", List.of(),
        "no delivery channel for sms and no patient portal: handed to staff"), ADULT))
        .isEqualTo(DispatchOutcome.handedToStaff("Task/3", List.of(), "no delivery channel for sms and no patient"
            + " portal: handed to staff, for the patient instead: the patient is now an adult"));
    assertThat(SendTimeRecipients.instead(DispatchOutcome.skipped("no usable telecom and no patient portal"), ADULT))
        .isEqualTo(DispatchOutcome.skipped(
            "no usable telecom and no patient portal (for the patient instead: the patient is now an adult)"));
  }

  @Test
  void aCopyThatWentToTheGuardianAndThePatient_recordsTheGuardiansOutcome_andNotesThePatients() {
    String too = "the patient now receives their own messages too";

    assertThat(SendTimeRecipients.alsoToPatient(DispatchOutcome.sent("Communication/8", List.of()),
        DispatchOutcome.sent("Communication/9", List.of()), too))
        .isEqualTo(new DispatchOutcome.Sent("Communication/8", List.of(),
            "also for the patient (the patient now receives their own messages too): sent as Communication/9"));
    assertThat(SendTimeRecipients.alsoToPatient(DispatchOutcome.handedToStaff("Task/1", List.of(), "why: handed to staff"),
        DispatchOutcome.skipped("why"), too))
        .isEqualTo(DispatchOutcome.handedToStaff("Task/1", List.of(), "why: handed to staff; also for the patient"
            + " (the patient now receives their own messages too): not sent, why"));
  }
}
