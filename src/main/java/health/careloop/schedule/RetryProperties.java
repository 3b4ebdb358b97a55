package health.careloop.schedule;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How failed EHR work (a message's write-back above all; also an inbox event's processing and a
 * referral Task's closing) is tried again: each retry a durable scheduler execution, so a restart
 * loses none. The n-th retry waits {@code firstInterval * multiplier^(n-1)}, at most
 * {@code maxInterval}, spread by {@code ±jitter} of itself so that replicas and messages that
 * failed together do not all come back at the same moment. An EHR's {@code Retry-After} wins over
 * that delay (still at most {@code maxInterval}). After {@code giveUpAfter} since the first
 * failure, the work gives up: a message becomes FAILED. A message the EHR refuses (4xx) is not
 * retried at all: it is parked at once.
 *
 * @param firstInterval the delay before the first retry
 * @param multiplier how much longer each next delay is (1: always the same)
 * @param jitter the share of each delay it is spread by, from 0 (none) to below 1
 * @param maxInterval the longest delay between two tries, Retry-After included
 * @param giveUpAfter how long after the first failure the work stops being retried
 */
@Validated
@ConfigurationProperties("careloop.delivery.retry")
public record RetryProperties(
    @DefaultValue("PT5S") @NotNull @DurationMin(seconds = 1,
        message = "careloop.delivery.retry.first-interval must be at least PT1S") Duration firstInterval,
    @DefaultValue("2.0") @DecimalMin(value = "1.0",
        message = "careloop.delivery.retry.multiplier must be at least 1.0") double multiplier,
    @DefaultValue("0.5") @DecimalMin(value = "0.0", message = "careloop.delivery.retry.jitter must be from 0 to below 1")
    @DecimalMax(value = "1.0", inclusive = false,
        message = "careloop.delivery.retry.jitter must be from 0 to below 1") double jitter,
    @DefaultValue("PT30M") @NotNull @DurationMin(seconds = 1,
        message = "careloop.delivery.retry.max-interval must be at least PT1S") Duration maxInterval,
    @DefaultValue("PT6H") @NotNull @DurationMin(seconds = 1,
        message = "careloop.delivery.retry.give-up-after must be at least PT1S") Duration giveUpAfter) {

  public static RetryProperties defaults() {
    return new RetryProperties(Duration.ofSeconds(5), 2.0, 0.5, Duration.ofMinutes(30), Duration.ofHours(6));
  }
}
