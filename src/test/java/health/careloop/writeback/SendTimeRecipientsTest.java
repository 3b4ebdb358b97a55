package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.rules.Guardian;
import health.careloop.rules.MessageKeys;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler.DispatchOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the plan records when a copy went, at send time, to another recipient than planned, instead
 * or too; and whom the patient's own message goes to once a guardian is recorded.
 */
class SendTimeRecipientsTest {

  private static final String ADULT = "the patient is now an adult";
  private static final String PATIENT = "the patient";

  @Test
  void aCopyThatWentToThePatientInstead_saysSo_whateverBecameOfIt() {
    assertThat(SendTimeRecipients.instead(DispatchOutcome.sent("Communication/9", List.of("pm-2")), PATIENT, ADULT))
        .isEqualTo(new DispatchOutcome.Sent("Communication/9", List.of("pm-2"),
            "sent to the patient instead: the patient is now an adult"));
    assertThat(SendTimeRecipients.instead(DispatchOutcome.handedToStaff("Task/3", List.of(),
        "no delivery channel for sms and no patient portal: handed to staff"), PATIENT, ADULT))
        .isEqualTo(DispatchOutcome.handedToStaff("Task/3", List.of(), "no delivery channel for sms and no patient"
            + " portal: handed to staff, for the patient instead: the patient is now an adult"));
    assertThat(SendTimeRecipients.instead(DispatchOutcome.skipped("no usable telecom and no patient portal"), PATIENT, ADULT))
        .isEqualTo(DispatchOutcome.skipped(
            "no usable telecom and no patient portal (for the patient instead: the patient is now an adult)"));
  }

  @Test
  void aCopyThatWentToTheGuardianAndThePatient_recordsTheGuardiansOutcome_andNotesThePatients() {
    String too = "the patient now receives their own messages too";

    assertThat(SendTimeRecipients.also(DispatchOutcome.sent("Communication/8", List.of()), PATIENT,
        DispatchOutcome.sent("Communication/9", List.of()), too))
        .isEqualTo(new DispatchOutcome.Sent("Communication/8", List.of(),
            "also for the patient (the patient now receives their own messages too): sent as Communication/9"));
    assertThat(SendTimeRecipients.also(DispatchOutcome.handedToStaff("Task/1", List.of(), "why: handed to staff"),
        PATIENT, DispatchOutcome.skipped("why"), too))
        .isEqualTo(DispatchOutcome.handedToStaff("Task/1", List.of(), "why: handed to staff; also for the patient"
            + " (the patient now receives their own messages too): not sent, why"));
  }

  @Test
  void aChildsOwnMessage_redirectedToBothParents_isWrittenUnderEachParentsKey_andThePlanSaysSo() {
    String key = MessageKeys.of("a1", "p1", null, "reminder-P2D:2026-12-10T09:30:00Z");
    DueMessage childs = new DueMessage("pm-1", key, MessageKind.APPOINTMENT_REMINDER, "a1", "p1",
        Instant.parse("2026-12-10T09:30:00Z"), Instant.parse("2026-12-08T09:30:00Z"), null, false, null);
    Guardian mother = new Guardian("RelatedPerson/m", "Camille", List.of(), List.of(), List.of());
    Guardian father = new Guardian("RelatedPerson/f", "Luc", List.of(), List.of(), List.of());
    String instead = "a guardian recorded since it was planned receives the patient's messages instead";
    var to = new SendTimeRecipients.Addressees(List.of(
        new SendTimeRecipients.Copy(childs.to(MessageKeys.guardiansCopy(key, "p1", mother.reference()).orElseThrow(),
            mother.reference()), mother),
        new SendTimeRecipients.Copy(childs.to(MessageKeys.guardiansCopy(key, "p1", father.reference()).orElseThrow(),
            father.reference()), father)), instead);
    List<String> written = new ArrayList<>();

    DispatchOutcome outcome = SendTimeRecipients.deliver(childs, to, (message, guardian) -> {
      written.add(message.messageKey() + " -> " + guardian.reference());
      return DispatchOutcome.sent("Communication/" + guardian.reference().substring("RelatedPerson/".length()), List.of());
    });

    assertThat(written).containsExactly(
        "Appointment/a1:Patient/p1:to:RelatedPerson/m:reminder-P2D:2026-12-10T09:30:00Z -> RelatedPerson/m",
        "Appointment/a1:Patient/p1:to:RelatedPerson/f:reminder-P2D:2026-12-10T09:30:00Z -> RelatedPerson/f");
    assertThat(outcome).isEqualTo(new DispatchOutcome.Sent("Communication/m", List.of(),
        "sent to the guardian instead: " + instead + "; also for the guardian (" + instead + "): sent as Communication/f"));
  }
}
