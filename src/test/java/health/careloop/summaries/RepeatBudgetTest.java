package health.careloop.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.summaries.OpenWork.OpenTask;
import health.careloop.summaries.OpenWork.PendingOrder;
import health.careloop.summaries.OpenWork.Referral;
import health.careloop.summaries.OpenWork.UpcomingAppointment;
import health.careloop.summaries.RepeatBudget.Folded;
import health.careloop.summaries.RepeatBudget.Told;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RepeatBudgetTest {

  private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
  private static final RepeatBudget WEEK = new RepeatBudget(Duration.ofDays(7));

  private static final OpenWork WORK = new OpenWork(
      List.of(new OpenTask("Task/t1", "Review medication", "requested", null, null, false)),
      List.of(new Referral("ServiceRequest/r1", "Cardiology", NOW.minus(Duration.ofDays(5)), true)),
      List.of(new PendingOrder("ServiceRequest/o1", "HbA1c", NOW.minus(Duration.ofDays(8)), null, true)),
      List.of(new UpcomingAppointment("Appointment/a1", "Clinic", NOW.plus(Duration.ofDays(2)))), true);

  @Test
  void anItemToldWithinTheWindow_isLeftOut_andNamed_theRestAndTheAppointmentsStay() {
    Folded folded = WEEK.fold(WORK, Map.of("ServiceRequest/r1", new Told(NOW.minus(Duration.ofDays(2)), true)), NOW);

    assertThat(folded.notRepeated()).containsExactly("ServiceRequest/r1");
    assertThat(folded.kept().referrals()).isEmpty();
    assertThat(folded.kept().tasks()).extracting(OpenTask::reference).containsExactly("Task/t1");
    assertThat(folded.kept().orders()).extracting(PendingOrder::reference).containsExactly("ServiceRequest/o1");
    assertThat(folded.kept().appointments()).isEqualTo(WORK.appointments());
  }

  @Test
  void everythingToldWithinTheWindow_leavesNoWork_soNoMessage() {
    Map<String, Told> told = Map.of(
        "Task/t1", new Told(NOW.minus(Duration.ofDays(1)), false),
        "ServiceRequest/r1", new Told(NOW.minus(Duration.ofDays(1)), true),
        "ServiceRequest/o1", new Told(NOW.minus(Duration.ofDays(1)), true));

    Folded folded = WEEK.fold(WORK, told, NOW);

    assertThat(folded.kept().hasWork()).isFalse();
    assertThat(folded.notRepeated()).containsExactly("Task/t1", "ServiceRequest/r1", "ServiceRequest/o1");
  }

  @Test
  void anItemToldBeforeTheWindow_isToldAgain() {
    Folded folded = WEEK.fold(WORK, Map.of("ServiceRequest/r1", new Told(NOW.minus(Duration.ofDays(7)), true)), NOW);

    assertThat(folded.notRepeated()).isEmpty();
    assertThat(folded.kept()).isEqualTo(WORK);
  }

  @Test
  void anItemToldWhileNotOverdue_thatIsOverdueNow_isToldAgain() {
    Folded folded = WEEK.fold(WORK, Map.of("ServiceRequest/r1", new Told(NOW.minus(Duration.ofDays(1)), false)), NOW);

    assertThat(folded.notRepeated()).isEmpty();
    assertThat(folded.kept().referrals()).extracting(Referral::reference).containsExactly("ServiceRequest/r1");
  }

  @Test
  void anItemToldAsOverdue_thatIsNoLongerOverdue_isNotNews() {
    Folded folded = WEEK.fold(WORK, Map.of("Task/t1", new Told(NOW.minus(Duration.ofDays(1)), true)), NOW);

    assertThat(folded.notRepeated()).containsExactly("Task/t1");
  }

  @Test
  void aZeroWindow_switchesTheBudgetOff() {
    Folded folded = new RepeatBudget(Duration.ZERO)
        .fold(WORK, Map.of("Task/t1", new Told(NOW.minus(Duration.ofMinutes(1)), false)), NOW);

    assertThat(folded.kept()).isEqualTo(WORK);
    assertThat(folded.notRepeated()).isEmpty();
  }

  @Test
  void theItemsAMessageTells_areItsWork_notItsAppointments() {
    assertThat(RepeatBudget.items(WORK)).containsExactly(new RepeatBudget.Item("Task/t1", false),
        new RepeatBudget.Item("ServiceRequest/r1", true), new RepeatBudget.Item("ServiceRequest/o1", true));
  }

  @Test
  void theWindowInWords() {
    assertThat(WEEK.windowInWords()).isEqualTo("7 days");
    assertThat(new RepeatBudget(Duration.ofHours(36)).windowInWords()).isEqualTo("36 hours");
    assertThat(new RepeatBudget(Duration.ofDays(1)).windowInWords()).isEqualTo("1 day");
  }
}
