package health.careloop.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.schedule.RetryProperties;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private static final Instant FIRST = Instant.parse("2026-11-30T10:00:00Z");
  private static final RetryPolicy POLICY = new RetryPolicy(new RetryProperties(
      Duration.ofSeconds(10), 2.0, 0.5, Duration.ofMinutes(5), Duration.ofHours(1)));

  @RepeatedTest(20)
  void eachRetry_waitsTheExponentialDelay_spreadByTheJitter() {
    Instant now = FIRST.plusSeconds(100);

    for (int failures = 1; failures <= 4; failures++) {
      long expected = 10L << (failures - 1); // 10, 20, 40, 80 s
      Duration delay = Duration.between(now, POLICY.nextTry(FIRST, now, failures, Optional.empty()).orElseThrow());
      assertThat(delay.toMillis()).as("failure " + failures)
          .isBetween((long) (expected * 1000 * 0.5), (long) (expected * 1000 * 1.5));
    }
  }

  @Test
  void theJitter_spreadsRetriesThatFailedTogether() {
    Instant now = FIRST.plusSeconds(100);

    long distinct = java.util.stream.IntStream.range(0, 50)
        .mapToObj(i -> POLICY.nextTry(FIRST, now, 3, Optional.empty()).orElseThrow())
        .distinct().count();

    assertThat(distinct).isGreaterThan(10);
  }

  @RepeatedTest(20)
  void noDelay_isLongerThanTheMaxInterval_jitterIncluded() {
    Instant now = FIRST.plusSeconds(100);

    Duration delay = Duration.between(now, POLICY.nextTry(FIRST, now, 12, Optional.empty()).orElseThrow());

    assertThat(delay).isLessThanOrEqualTo(Duration.ofMinutes(5)).isGreaterThanOrEqualTo(Duration.ofSeconds(150));
  }

  @Test
  void withoutJitter_theDelayIsExact() {
    RetryPolicy exact = new RetryPolicy(new RetryProperties(
        Duration.ofSeconds(10), 3.0, 0.0, Duration.ofMinutes(5), Duration.ofHours(1)));

    assertThat(exact.nextTry(FIRST, FIRST, 1, Optional.empty())).contains(FIRST.plusSeconds(10));
    assertThat(exact.nextTry(FIRST, FIRST, 3, Optional.empty())).contains(FIRST.plusSeconds(90));
  }

  @Test
  void theEhrsRetryAfter_winsOverTheBackOff() {
    Instant now = FIRST.plusSeconds(100);

    assertThat(POLICY.nextTry(FIRST, now, 1, Optional.of(Duration.ofSeconds(120)))).contains(now.plusSeconds(120));
    assertThat(POLICY.nextTry(FIRST, now, 9, Optional.of(Duration.ofSeconds(2)))).contains(now.plusSeconds(2));
  }

  @Test
  void aRetryAfterLongerThanTheMaxInterval_isCappedByIt() {
    Instant now = FIRST.plusSeconds(100);

    assertThat(POLICY.nextTry(FIRST, now, 1, Optional.of(Duration.ofDays(1)))).contains(now.plus(Duration.ofMinutes(5)));
  }

  @Test
  void aRetryAfterOfZero_stillWaitsASecond() {
    assertThat(POLICY.nextTry(FIRST, FIRST, 1, Optional.of(Duration.ZERO))).contains(FIRST.plusSeconds(1));
  }

  @Test
  void theLastTry_isAtTheGiveUpTime_notAfter() {
    Instant now = FIRST.plus(Duration.ofMinutes(59));

    assertThat(POLICY.nextTry(FIRST, now, 20, Optional.empty())).contains(FIRST.plus(Duration.ofHours(1)));
  }

  @Test
  void onceTheGiveUpTimeHasCome_itGivesUp_howeverFewTheTries() {
    assertThat(POLICY.nextTry(FIRST, FIRST.plus(Duration.ofHours(1)), 2, Optional.empty())).isEmpty();
    assertThat(POLICY.nextTry(FIRST, FIRST.plus(Duration.ofHours(3)), 1, Optional.of(Duration.ofSeconds(1)))).isEmpty();
  }

  @Test
  void theDefaults_retryForSixHours_startingAfterAboutFiveSeconds() {
    RetryPolicy defaults = new RetryPolicy(RetryProperties.defaults());

    assertThat(Duration.between(FIRST, defaults.nextTry(FIRST, FIRST, 1, Optional.empty()).orElseThrow()))
        .isBetween(Duration.ofMillis(2500), Duration.ofMillis(7500));
    assertThat(defaults.nextTry(FIRST, FIRST.plus(Duration.ofHours(6)).minusSeconds(1), 30, Optional.empty())).isPresent();
    assertThat(defaults.nextTry(FIRST, FIRST.plus(Duration.ofHours(6)), 30, Optional.empty())).isEmpty();
  }
}
