package health.careloop.ehrlink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.ehr.SubscriptionCheck;
import health.careloop.ehr.SubscriptionRepair;
import health.careloop.ehrlink.EhrLinkProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EhrLinkSnapshotTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final EhrLinkProperties LIMITS = new EhrLinkProperties(Duration.ofMinutes(15), Duration.ofMinutes(30));

  @Test
  void allInOrder_warnsOfNothing() {
    assertThat(snapshot(true, SubscriptionRepair.NONE, Silence.Verdict.HEARD, NOW.minus(Duration.ofMinutes(5)), 0, 0)
        .warnings(LIMITS)).isEmpty();
    assertThat(snapshot(true, SubscriptionRepair.NONE, Silence.Verdict.QUIET, NOW.minus(Duration.ofMinutes(5)), 0, 0)
        .warnings(LIMITS)).as("silence while nothing changed").isEmpty();
  }

  @Test
  void neverChecked_warnsOfNothing_andSaysNothingOfLag() {
    EhrLinkSnapshot s = new EhrLinkSnapshot(NOW, Optional.empty(), List.of(), List.of(), Map.of(), Map.of(), 0, 0, 0);

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

  private static EhrLinkSnapshot snapshot(boolean reachable, SubscriptionRepair repair, Silence.Verdict silence,
      Instant caughtUpTo, long overdue, long failed) {
    return new EhrLinkSnapshot(NOW,
        Optional.of(new EhrLinkRecords.EhrReach(NOW, reachable, reachable ? null : "HTTP 503 InternalErrorException")),
        List.of(new EhrLinkRecords.Checked(new SubscriptionCheck("appointment", "Appointment", "42",
            repair == SubscriptionRepair.RECREATED ? SubscriptionCheck.MISSING : "active", repair), NOW)),
        List.of(new EhrLinkRecords.SilenceState("Appointment", NOW, silence, NOW.minus(Duration.ofHours(7)),
            silence == Silence.Verdict.SILENT ? "no notification since then although the EHR changed 3" : null)),
        Map.of("Appointment", NOW.minus(Duration.ofMinutes(2))), Map.of("Appointment", caughtUpTo), 0, overdue, failed);
  }
}
