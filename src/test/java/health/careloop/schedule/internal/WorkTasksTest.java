package health.careloop.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.schedule.RecurringSchedule;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class WorkTasksTest {

  @Test
  void recurringWork_firstRunsOneIntervalAfterItIsFirstScheduled_notAtOnce() {
    Instant now = Instant.parse("2026-11-29T10:00:00Z");

    assertThat(WorkTasks.firstAfterOneInterval(Duration.ofMinutes(5)).getInitialExecutionTime(now))
        .isEqualTo(Instant.parse("2026-11-29T10:05:00Z"));
  }

  @Test
  void dailyWork_runsAtItsTimeOfDay_inItsTimeZone_keepingTheWallClockTimeAcrossDaylightSaving() {
    RecurringSchedule daily = RecurringSchedule.dailyAt(LocalTime.of(7, 0), ZoneId.of("Europe/London"));
    var schedule = WorkTasks.schedule(daily);

    // 25 October 2026: British Summer Time ends (07:00 is 06:00Z before, 07:00Z after).
    Instant saturdayAfterSeven = Instant.parse("2026-10-24T06:30:00Z");
    assertThat(schedule.getInitialExecutionTime(saturdayAfterSeven)).isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
    assertThat(schedule.getInitialExecutionTime(Instant.parse("2026-10-24T05:59:00Z")))
        .isEqualTo(Instant.parse("2026-10-24T06:00:00Z"));
    assertThat(schedule.isDeterministic()).as("a changed time is picked up at start-up").isTrue();
  }

  @Test
  void intervalWork_keepsItsFirstRunOneIntervalAway() {
    var schedule = WorkTasks.schedule(RecurringSchedule.every(Duration.ofHours(24)));

    assertThat(schedule.getInitialExecutionTime(Instant.parse("2026-11-29T10:00:00Z")))
        .isEqualTo(Instant.parse("2026-11-30T10:00:00Z"));
  }
}
