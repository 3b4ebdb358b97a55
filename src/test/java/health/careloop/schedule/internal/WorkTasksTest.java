package health.careloop.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WorkTasksTest {

  @Test
  void recurringWork_firstRunsOneIntervalAfterItIsFirstScheduled_notAtOnce() {
    Instant now = Instant.parse("2026-11-29T10:00:00Z");

    assertThat(WorkTasks.firstAfterOneInterval(Duration.ofMinutes(5)).getInitialExecutionTime(now))
        .isEqualTo(Instant.parse("2026-11-29T10:05:00Z"));
  }
}
