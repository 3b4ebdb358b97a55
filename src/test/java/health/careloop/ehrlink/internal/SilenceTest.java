package health.careloop.ehrlink.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SilenceTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
  private static final Duration ALLOWED = Duration.ofHours(6);

  @Test
  void silenceWithinTheAllowedTime_isHeard_andTheEhrIsNotAsked() {
    AtomicInteger asked = new AtomicInteger();
    Silence.Judgement j = Silence.judge(NOW.minus(Duration.ofHours(5)), NOW, ALLOWED, () -> asked.incrementAndGet());

    assertThat(j.verdict()).isEqualTo(Silence.Verdict.HEARD);
    assertThat(asked).hasValue(0);
    assertThat(Silence.judge(NOW.minus(ALLOWED), NOW, ALLOWED, () -> 5).verdict()).as("exactly the allowed time")
        .isEqualTo(Silence.Verdict.HEARD);
  }

  @Test
  void longSilence_whileTheEhrChangedNothing_isQuiet_notAnAlarm() {
    assertThat(Silence.judge(NOW.minus(Duration.ofHours(7)), NOW, ALLOWED, () -> 0).verdict())
        .isEqualTo(Silence.Verdict.QUIET);
  }

  @Test
  void longSilence_whileTheEhrChanged_isSilent_withTheCount() {
    Silence.Judgement j = Silence.judge(NOW.minus(Duration.ofHours(7)), NOW, ALLOWED, () -> 3);

    assertThat(j.verdict()).isEqualTo(Silence.Verdict.SILENT);
    assertThat(j.changes()).isEqualTo(3);
    assertThat(j.from()).isEqualTo(NOW.minus(Duration.ofHours(7)));
  }

  @Test
  void silenceIsMeasuredFrom_theLatestOfLastNotificationRepairAndEarlierMeasure_orNowAtTheFirstLook() {
    Instant notified = NOW.minus(Duration.ofHours(9));
    Instant measured = NOW.minus(Duration.ofHours(8));
    Instant repaired = NOW.minus(Duration.ofHours(1));

    assertThat(Silence.from(Optional.of(notified), Optional.empty(), Optional.empty(), NOW)).isEqualTo(notified);
    assertThat(Silence.from(Optional.of(notified), Optional.empty(), Optional.of(measured), NOW)).isEqualTo(measured);
    assertThat(Silence.from(Optional.of(notified), Optional.of(repaired), Optional.of(measured), NOW))
        .as("what it missed before the repair was caught up").isEqualTo(repaired);
    assertThat(Silence.from(Optional.empty(), Optional.empty(), Optional.empty(), NOW))
        .as("never heard, never looked: no silence to judge yet").isEqualTo(NOW);
  }
}
