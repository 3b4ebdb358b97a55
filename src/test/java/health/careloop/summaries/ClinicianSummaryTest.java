package health.careloop.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.summaries.OpenWork.OpenTask;
import health.careloop.summaries.OpenWork.PendingOrder;
import health.careloop.summaries.OpenWork.Referral;
import health.careloop.summaries.OpenWork.UpcomingAppointment;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClinicianSummaryTest {

  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-10T12:00:00Z"), LONDON);
  private static final Instant NOW = CLOCK.instant();

  private final ClinicianSummary summary = new ClinicianSummary(LONDON, 3, false);

  static Instant daysAgo(int days) {
    return NOW.minus(Duration.ofDays(days));
  }

  static OpenWork work(List<OpenTask> tasks, List<Referral> referrals, List<PendingOrder> orders,
      List<UpcomingAppointment> appointments) {
    return new OpenWork(tasks, referrals, orders, appointments, true);
  }

  @Test
  void overdueWorkComesFirst_eachLineNamingWhatItIsAbout_andTheSummaryIsUrgent() {
    OpenWork work = work(
        List.of(new OpenTask("Task/t1", "Review medication", "requested", daysAgo(1), null, false),
            new OpenTask("Task/t2", "Call patient about results", "in-progress", daysAgo(4), daysAgo(2), true)),
        List.of(new Referral("ServiceRequest/r1", "Referral to cardiology", daysAgo(5), true)),
        List.of(new PendingOrder("ServiceRequest/o1", "HbA1c", daysAgo(1), null, false)),
        List.of(new UpcomingAppointment("Appointment/a1", "Diabetes clinic", NOW.plus(Duration.ofDays(7)))));

    SummaryContent content = summary.write(work).orElseThrow();

    assertThat(content.text()).isEqualTo("""
        Open work for this patient: 2 overdue, 2 not overdue.
        Overdue:
        - Referral not booked: Referral to cardiology, requested 5 Dec 2026 [ServiceRequest/r1]
        - Task: Call patient about results, due 8 Dec 2026 [Task/t2]
        Open:
        - Result awaited: HbA1c, ordered 9 Dec 2026 [ServiceRequest/o1]
        - Task: Review medication [Task/t1]
        Next appointments:
        - 17 Dec 2026 12:00: Diabetes clinic [Appointment/a1]""");
    assertThat(content.priority()).isEqualTo(SummaryPriority.URGENT);
    assertThat(content.about()).containsExactly(
        "ServiceRequest/r1", "Task/t2", "ServiceRequest/o1", "Task/t1", "Appointment/a1");
  }

  @Test
  void nothingOverdue_isRoutine() {
    OpenWork work = work(List.of(new OpenTask("Task/t1", "Review medication", "ready", daysAgo(1), null, false)),
        List.of(), List.of(), List.of());

    SummaryContent content = summary.write(work).orElseThrow();

    assertThat(content.priority()).isEqualTo(SummaryPriority.ROUTINE);
    assertThat(content.text()).isEqualTo("""
        Open work for this patient: 0 overdue, 1 not overdue.
        Open:
        - Task: Review medication [Task/t1]""");
  }

  @Test
  void noOpenWork_isNothingToSay_evenWithAppointmentsAhead() {
    OpenWork work = work(List.of(), List.of(), List.of(),
        List.of(new UpcomingAppointment("Appointment/a1", "Diabetes clinic", NOW.plus(Duration.ofDays(7)))));

    assertThat(summary.write(work)).isEmpty();
    assertThat(summary.write(work(List.of(), List.of(), List.of(), List.of()))).isEmpty();
  }

  @Test
  void noOpenWork_isSaid_whenConfiguredToWriteWhenEmpty() {
    ClinicianSummary always = new ClinicianSummary(LONDON, 3, true);
    OpenWork work = work(List.of(), List.of(), List.of(),
        List.of(new UpcomingAppointment("Appointment/a1", "Diabetes clinic", NOW.plus(Duration.ofDays(7)))));

    SummaryContent content = always.write(work).orElseThrow();

    assertThat(content.text()).isEqualTo("""
        No open work for this patient in the EHR.
        Next appointments:
        - 17 Dec 2026 12:00: Diabetes clinic [Appointment/a1]""");
    assertThat(content.priority()).isEqualTo(SummaryPriority.ROUTINE);
  }

  /** Reading stopped at its bound: the summary must not look like the whole story. */
  @Test
  void workCutShort_isSaid_andIsNeverNothingToSay() {
    OpenWork cutShort = new OpenWork(List.of(), List.of(), List.of(), List.of(), false);

    Optional<SummaryContent> content = summary.write(cutShort);

    assertThat(content).hasValueSatisfying(c -> assertThat(c.text()).doesNotContain("No open work")
        .endsWith(ClinicianSummary.INCOMPLETE));
  }

  @Test
  void withinASection_whatHasWaitedLongestComesFirst_undatedLast() {
    OpenWork work = work(List.of(),
        List.of(new Referral("ServiceRequest/undated", "Physiotherapy", null, false),
            new Referral("ServiceRequest/recent", "Dietitian", daysAgo(1), false),
            new Referral("ServiceRequest/older", "Podiatry", daysAgo(2), false)),
        List.of(), List.of());

    assertThat(summary.write(work).orElseThrow().about())
        .containsExactly("ServiceRequest/older", "ServiceRequest/recent", "ServiceRequest/undated");
    assertThat(summary.write(work).orElseThrow().text())
        .contains("Referral not booked: Physiotherapy, requested (date not recorded) [ServiceRequest/undated]");
  }

  @Test
  void onlyTheFirstAppointmentsAreListed_soonestFirst() {
    List<UpcomingAppointment> appointments = List.of(
        new UpcomingAppointment("Appointment/4", "Fourth", NOW.plus(Duration.ofDays(4))),
        new UpcomingAppointment("Appointment/1", "First", NOW.plus(Duration.ofDays(1))),
        new UpcomingAppointment("Appointment/3", "Third", NOW.plus(Duration.ofDays(3))),
        new UpcomingAppointment("Appointment/2", "Second", NOW.plus(Duration.ofDays(2))));
    OpenWork work = work(List.of(new OpenTask("Task/t1", "Review", "ready", null, null, false)), List.of(), List.of(),
        appointments);

    assertThat(summary.write(work).orElseThrow().about())
        .containsExactly("Task/t1", "Appointment/1", "Appointment/2", "Appointment/3");
  }

  @Test
  void anOrderToBeDoneLater_saysWhen_andTheDatesAreTheDeploymentsDays() {
    // 23:30 UTC on 9 December is 10 December in Auckland
    Instant lateEvening = Instant.parse("2026-12-09T23:30:00Z");
    ClinicianSummary auckland = new ClinicianSummary(ZoneId.of("Pacific/Auckland"), 3, false);
    OpenWork work = work(List.of(), List.of(),
        List.of(new PendingOrder("ServiceRequest/o1", "Chest X-ray", lateEvening, NOW.plus(Duration.ofDays(20)), false)),
        List.of());

    assertThat(auckland.write(work).orElseThrow().text())
        .contains("- Result awaited: Chest X-ray, ordered 10 Dec 2026, to be done 31 Dec 2026 [ServiceRequest/o1]");
  }

  @Test
  void aLongOrMultiLineDisplay_staysOnOneShortLine() {
    String longText = "Call the patient\nabout the results of the\tblood tests " + "and more ".repeat(20);

    String display = ClinicianSummary.display(longText);

    assertThat(display).doesNotContain("\n", "\t").hasSize(ClinicianSummary.MAX_DISPLAY).endsWith("…")
        .startsWith("Call the patient about the results of the blood tests");
    assertThat(ClinicianSummary.display("  ")).isEqualTo("(no description)");
    assertThat(ClinicianSummary.display(null)).isEqualTo("(no description)");
  }

  /** For the digest, which lists every patient: all of a patient's work told recently is still named, not "no open work". */
  @Test
  void workAllLeftOutByTheRepeatBudget_saysNothingNew_andNamesIt_neverNoOpenWork() {
    OpenWork nothingNew = work(List.of(), List.of(), List.of(), List.of());

    SummaryContent content = new ClinicianSummary(LONDON, 3, true)
        .write(nothingNew, List.of("Task/t1", "ServiceRequest/r1"), "7 days").orElseThrow();

    assertThat(content.text()).isEqualTo("No new open work for this patient.\n"
        + "Still open, told to you in the last 7 days, not repeated: [Task/t1] [ServiceRequest/r1]");
    assertThat(content.about()).isEmpty();
    assertThat(content.priority()).isEqualTo(SummaryPriority.ROUTINE);
  }
}
