package health.careloop.ehrlink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.ehr.SubscriptionCheck;
import health.careloop.ehr.SubscriptionRepair;
import health.careloop.ehrlink.EhrLinkProperties;
import health.careloop.intake.IntakeStatus.CatchUpFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EhrLinkSnapshotTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final EhrLinkProperties LIMITS = new EhrLinkProperties(Duration.ofMinutes(15), Duration.ofMinutes(30),
      Duration.ofMinutes(5));

  @Test
  void allInOrder_warnsOfNothing() {
    assertThat(snapshot(true, SubscriptionRepair.NONE, Silence.Verdict.HEARD, NOW.minus(Duration.ofMinutes(5)), 0, 0)
        .warnings(LIMITS)).isEmpty();
    assertThat(snapshot(true, SubscriptionRepair.NONE, Silence.Verdict.QUIET, NOW.minus(Duration.ofMinutes(5)), 0, 0)
        .warnings(LIMITS)).as("silence while nothing changed").isEmpty();
  }

  @Test
  void neverChecked_warnsOfNothing_andSaysNothingOfLag() {
    EhrLinkSnapshot s = new EhrLinkSnapshot(NOW, false, Optional.empty(), List.of(), List.of(), Map.of(), Map.of(), Map.of(),
        0, 0, 0);

    assertThat(s.warnings(LIMITS)).isEmpty();
    assertThat(s.catchUpLag("Appointment")).isEmpty();
    assertThat(s.notificationAge("Appointment")).isEmpty();
  }

  @Test
  void eachProblem_isOneWarning_namingIdsAndCountsOnly() {
    assertThat(snapshot(false, SubscriptionRepair.NONE, Silence.Verdict.HEARD, NOW, 0, 0).warnings(LIMITS))
        .singleElement().asString().contains("could not be reached", "HTTP 503");
    assertThat(snapshot(true, SubscriptionRepair.RECREATED, Silence.Verdict.HEARD, NOW, 0, 0).warnings(LIMITS))
        .singleElement().asString().contains("Subscription 42", "missing", "recreated");
    assertThat(snapshot(true, SubscriptionRepair.NONE, Silence.Verdict.SILENT, NOW, 0, 0).warnings(LIMITS))
        .singleElement().asString().contains("Appointment notifications silent");
    assertThat(snapshot(true, SubscriptionRepair.NONE, Silence.Verdict.HEARD, NOW.minus(Duration.ofMinutes(31)), 0, 0)
        .warnings(LIMITS)).singleElement().asString().contains("catch-up of Appointment lags 31 minutes");
    assertThat(snapshot(true, SubscriptionRepair.NONE, Silence.Verdict.HEARD, NOW, 2, 0).warnings(LIMITS))
        .singleElement().asString().contains("2 planned messages overdue");
    assertThat(snapshot(true, SubscriptionRepair.NONE, Silence.Verdict.HEARD, NOW, 0, 1).warnings(LIMITS))
        .singleElement().asString().contains("1 messages failed in the last 24 hours");
  }

  @Test
  void lagAndAge_areMeasuredFromTheSnapshotsMoment() {
    EhrLinkSnapshot s = snapshot(true, SubscriptionRepair.NONE, Silence.Verdict.HEARD, NOW.minus(Duration.ofMinutes(7)), 0, 0);

    assertThat(s.catchUpLag("Appointment")).contains(Duration.ofMinutes(7));
    assertThat(s.notificationAge("Appointment")).contains(Duration.ofMinutes(2));
    assertThat(s.catchUpLag("Encounter")).as("not caught up on").isEmpty();
  }

  @Test
  void polling_aFailedPollSinceTheLastSuccess_warns_namingStatusOnly() {
    EhrLinkSnapshot failing = polling(Map.of("Appointment", NOW.minus(Duration.ofMinutes(2))),
        Map.of("Appointment", new CatchUpFailure(NOW.minus(Duration.ofMinutes(1)), "HTTP 503")));
    EhrLinkSnapshot recovered = polling(Map.of("Appointment", NOW.minus(Duration.ofMinutes(1))),
        Map.of("Appointment", new CatchUpFailure(NOW.minus(Duration.ofMinutes(2)), "HTTP 503")));
    EhrLinkSnapshot neverSucceeded = polling(Map.of(),
        Map.of("Encounter", new CatchUpFailure(NOW.minus(Duration.ofMinutes(1)), "EHR unreachable")));

    assertThat(failing.warnings(LIMITS)).singleElement().asString()
        .contains("polling the EHR for Appointment changes failed", "HTTP 503");
    assertThat(recovered.warnings(LIMITS)).as("a poll succeeded since").isEmpty();
    assertThat(neverSucceeded.warnings(LIMITS)).singleElement().asString().contains("Encounter", "EHR unreachable");
  }

  @Test
  void polling_aLastSuccessfulPollOlderThanTheLimit_warns() {
    assertThat(polling(Map.of("Appointment", NOW.minus(Duration.ofMinutes(5))), Map.of()).warnings(LIMITS))
        .as("as old as the limit").isEmpty();
    assertThat(polling(Map.of("Appointment", NOW.minus(Duration.ofMinutes(6))), Map.of()).warnings(LIMITS))
        .singleElement().asString().contains("last successful poll of Appointment was 360 seconds ago");
  }

  @Test
  void polling_whatASupervisionOfSubscriptionsRecordedBefore_isNotLookedAt() {
    EhrLinkSnapshot old = snapshot(false, SubscriptionRepair.RECREATED, Silence.Verdict.SILENT, NOW, 0, 0);
    EhrLinkSnapshot nowPolling = new EhrLinkSnapshot(NOW, true, old.ehr(), old.subscriptions(), old.silences(),
        old.lastNotifications(), old.caughtUpTo(), Map.of(), 0, 0, 0);

    assertThat(old.warnings(LIMITS)).hasSize(3);
    assertThat(nowPolling.warnings(LIMITS)).isEmpty();
  }

  private static EhrLinkSnapshot polling(Map<String, Instant> caughtUpTo, Map<String, CatchUpFailure> failures) {
    return new EhrLinkSnapshot(NOW, true, Optional.empty(), List.of(), List.of(), Map.of(), caughtUpTo, failures, 0, 0, 0);
  }

  private static EhrLinkSnapshot snapshot(boolean reachable, SubscriptionRepair repair, Silence.Verdict silence,
      Instant caughtUpTo, long overdue, long failed) {
    return new EhrLinkSnapshot(NOW, false,
        Optional.of(new EhrLinkRecords.EhrReach(NOW, reachable, reachable ? null : "HTTP 503 InternalErrorException")),
        List.of(new EhrLinkRecords.Checked(new SubscriptionCheck("appointment", "Appointment", "42",
            repair == SubscriptionRepair.RECREATED ? SubscriptionCheck.MISSING : "active", repair), NOW)),
        List.of(new EhrLinkRecords.SilenceState("Appointment", NOW, silence, NOW.minus(Duration.ofHours(7)),
            silence == Silence.Verdict.SILENT ? "no notification since then although the EHR changed 3" : null)),
        Map.of("Appointment", NOW.minus(Duration.ofMinutes(2))), Map.of("Appointment", caughtUpTo), Map.of(), 0, overdue,
        failed);
  }
}
