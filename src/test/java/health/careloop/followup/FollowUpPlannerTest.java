package health.careloop.followup;

import static health.careloop.followup.TestLibraries.ACT_CODE;
import static health.careloop.followup.TestLibraries.ICD_10;
import static health.careloop.followup.TestLibraries.SCT;
import static health.careloop.followup.TestLibraries.item;
import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.followup.FollowUpPlanner.FollowUpPlan;
import health.careloop.followup.VisitCodes.Code;
import health.careloop.rules.Addressee;
import health.careloop.rules.MessageKind;
import health.careloop.rules.Reach;
import health.careloop.schedule.DeliveredContent;
import health.careloop.schedule.MessageDraft;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FollowUpPlannerTest {

  private static final Instant END = Instant.parse("2027-03-01T10:00:00Z");
  private static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
  private static final Reach PATIENT = new Reach(ZoneId.of("Europe/London"), List.of(Addressee.patient(Optional.of("sms"))));

  private final FollowUpPlanner planner = new FollowUpPlanner(Duration.ofDays(2));

  /** An emergency visit for a forearm fracture: two items, both with a message on day 2. */
  private static Selection emergencyAndFracture(boolean allowDraft) {
    return new FollowUpSelector(TestLibraries.valid(), allowDraft).select(new VisitCodes(List.of(new Code(ACT_CODE, "EMER")),
        List.of(), List.of(), List.of(new Code(ICD_10, "S52.5")), List.of()), TODAY);
  }

  private FollowUpPlan plan(Selection selection, Reach reach, List<DeliveredContent> delivered, Instant now) {
    return planner.plan("e1", "p1", END, selection, reach, delivered, now);
  }

  @Test
  void oneMessagePerDueTime_atItsOffsetAfterTheVisit_withTheItemsDueThenMerged() {
    FollowUpPlan plan = plan(emergencyAndFracture(false), PATIENT, List.of(), END.plusSeconds(600));

    assertThat(plan.wanted()).extracting(MessageDraft::dueAt)
        .containsExactly(END.plus(Duration.ofHours(4)), END.plus(Duration.ofDays(2)), END.plus(Duration.ofDays(7)));
    assertThat(plan.wanted()).extracting(MessageDraft::content).containsExactly(
        List.of(item("emergency-visit") + "#evening"),
        List.of(item("emergency-visit") + "#day-2", item("forearm-fracture") + "#day-2"),
        List.of(item("forearm-fracture") + "#day-7"));
    assertThat(plan.wanted()).allSatisfy(draft -> {
      assertThat(draft.kind()).isEqualTo(MessageKind.FOLLOW_UP_CONTENT);
      assertThat(draft.encounterId()).isEqualTo("e1");
      assertThat(draft.appointmentId()).isNull();
      assertThat(draft.patientId()).isEqualTo("p1");
      assertThat(draft.preferredChannel()).isEqualTo("sms");
      assertThat(draft.messageKey()).startsWith("Encounter/e1:Patient/p1:followup:");
      assertThat(draft.draftContent()).isFalse();
    });
    assertThat(plan.wanted()).extracting(MessageDraft::messageKey).doesNotHaveDuplicates();
    assertThat(plan.notPlanned()).isEmpty();
  }

  @Test
  void theSameVisitPlannedAgain_givesTheSameKeys() {
    FollowUpPlan first = plan(emergencyAndFracture(false), PATIENT, List.of(), END.plusSeconds(600));
    FollowUpPlan again = plan(emergencyAndFracture(false), PATIENT, List.of(), END.plusSeconds(1200));

    assertThat(again.wanted()).extracting(MessageDraft::messageKey)
        .containsExactlyElementsOf(first.wanted().stream().map(MessageDraft::messageKey).toList());
  }

  @Test
  void whatTheRecipientHadAlready_isNotPlannedAgain() {
    List<DeliveredContent> delivered = List.of(new DeliveredContent("p1", null,
        List.of(item("emergency-visit") + "#evening", item("emergency-visit") + "#day-2")));

    FollowUpPlan plan = plan(emergencyAndFracture(false), PATIENT, delivered, END.plusSeconds(600));

    assertThat(plan.wanted()).extracting(MessageDraft::content).containsExactly(
        List.of(item("forearm-fracture") + "#day-2"), List.of(item("forearm-fracture") + "#day-7"));
  }

  @Test
  void whatAGuardianHad_doesNotCountForThePatient() {
    Reach both = new Reach(PATIENT.zone(), List.of(Addressee.patient(Optional.empty()),
        Addressee.guardian("RelatedPerson/g1", Optional.empty())));
    List<DeliveredContent> delivered = List.of(new DeliveredContent("p1", "RelatedPerson/g1",
        List.of(item("emergency-visit") + "#evening")));

    FollowUpPlan plan = plan(emergencyAndFracture(false), both, delivered, END.plusSeconds(600));

    assertThat(plan.wanted()).filteredOn(d -> d.guardian() == null).hasSize(3);
    assertThat(plan.wanted()).filteredOn(d -> "RelatedPerson/g1".equals(d.guardian())).hasSize(2)
        .allSatisfy(d -> assertThat(d.messageKey()).contains(":to:RelatedPerson/g1:"));
  }

  @Test
  void messagesWhoseTimeHasCome_goNowAsOne_andThoseLongPast_areNotPlanned() {
    Instant now = END.plus(Duration.ofDays(3));

    FollowUpPlan plan = plan(emergencyAndFracture(false), PATIENT, List.of(), now);

    assertThat(plan.wanted()).extracting(MessageDraft::dueAt).containsExactly(END.plus(Duration.ofDays(7)), now);
    assertThat(plan.wanted().get(1).content())
        .containsExactly(item("emergency-visit") + "#day-2", item("forearm-fracture") + "#day-2");
    assertThat(plan.notPlanned()).singleElement().satisfies(not -> {
      assertThat(not.draft().content()).containsExactly(item("emergency-visit") + "#evening");
      assertThat(not.reason()).contains("more than PT48H ago");
    });
  }

  @Test
  void contentWithoutACurrentReview_isFlaggedAsDraft() {
    Selection asthma = new FollowUpSelector(TestLibraries.valid(), true).select(new VisitCodes(List.of(), List.of(),
        List.of(), List.of(new Code(SCT, "195967001")), List.of()), TODAY);

    FollowUpPlan plan = plan(asthma, PATIENT, List.of(), END.plusSeconds(600));

    assertThat(plan.wanted()).singleElement().satisfies(d -> assertThat(d.draftContent()).isTrue());
  }

  @Test
  void noItems_noMessages() {
    Selection none = new FollowUpSelector(TestLibraries.valid(), false)
        .select(new VisitCodes(List.of(), List.of(), List.of(), List.of(new Code(ICD_10, "J06")), List.of()), TODAY);

    assertThat(plan(none, PATIENT, List.of(), END).wanted()).isEmpty();
  }
}
