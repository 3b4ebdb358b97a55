package health.careloop.schedule.internal;

import health.careloop.schedule.RetryProperties;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When failed work is tried next ({@link RetryProperties}): exponential back-off with jitter
 * (Resilience4j's {@link IntervalFunction}), an EHR's {@code Retry-After} winning over it, neither
 * longer than the max interval, and nothing after the give-up time, which counts from the first
 * failure: so a restart, a long Retry-After or an unlucky draw of the jitter never stretches how
 * long a message may stay late.
 */
final class RetryPolicy {

  /** The shortest wait, whatever an EHR's Retry-After says: a zero would retry in a tight loop. */
  static final Duration SHORTEST = Duration.ofSeconds(1);

  private final RetryProperties properties;
  private final IntervalFunction backOff;

  RetryPolicy(RetryProperties properties) {
    this.properties = properties;
    this.backOff = IntervalFunction.ofExponentialRandomBackoff(properties.firstInterval(), properties.multiplier(),
        properties.jitter(), properties.maxInterval());
  }

  /**
   * @param firstFailure when this work first failed (since it last started afresh)
   * @param now when it failed this time
   * @param failures how often it has failed in a row, this time included (1 after the first failure)
   * @param retryAfter how long the EHR asked CareLoop to wait, if it did
   * @return when to try again; empty when it is time to give up
   */
  Optional<Instant> nextTry(Instant firstFailure, Instant now, int failures, Optional<Duration> retryAfter) {
    Instant giveUpAt = firstFailure.plus(properties.giveUpAfter());
    if (!now.isBefore(giveUpAt)) {
      return Optional.empty();
    }
    Duration delay = retryAfter.orElseGet(() -> Duration.ofMillis(backOff.apply(Math.max(1, failures))));
    delay = min(delay, properties.maxInterval());
    if (delay.compareTo(SHORTEST) < 0) {
      delay = SHORTEST;
    }
    Instant next = now.plus(delay);
    return Optional.of(next.isAfter(giveUpAt) ? giveUpAt : next);
  }

  Duration giveUpAfter() {
    return properties.giveUpAfter();
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
