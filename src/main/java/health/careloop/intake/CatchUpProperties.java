package health.careloop.intake;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Catching up with the EHR by search, on top of its Subscription: a rest-hook notification the EHR
 * could not deliver (CareLoop down for longer than the EHR retries) is otherwise lost.
 *
 * @param enabled false: CareLoop relies on notifications alone (not for production)
 * @param interval how often the safety-net catch-up runs (besides once at start-up), while the EHR
 *     pushes ({@code careloop.ehr.notifications: subscriptions})
 * @param pollingInterval how often CareLoop searches the EHR for changes while it polls
 *     ({@code careloop.ehr.notifications: polling}): the longest a change waits to be heard of
 * @param maxSendsPerMinute the messages planned from what a catch-up (or the backfill) found that
 *     would go out at once are given due times at most this many a minute apart instead, so that a
 *     gap is not followed by a burst; a notification's messages are never held back by it
 * @param overlap how far before the watermark each catch-up searches again: changes the EHR commits
 *     with a lastUpdated a little in the past, and clocks that differ, are still found; what was
 *     received already is a duplicate in the inbox and changes nothing
 * @param pageSize resources per page of the EHR's search results
 * @param backfillHorizon at the first start (no watermark yet): how far ahead appointments are
 *     fetched, from now, so that those booked before CareLoop was installed get their messages
 */
@Validated
@ConfigurationProperties("careloop.catch-up")
public record CatchUpProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("PT5M") @NotNull @DurationMin(seconds = 10, message = "must be at least 10 seconds") Duration interval,
    @DefaultValue("PT5M") @NotNull @DurationMin(seconds = 0, message = "must not be negative") Duration overlap,
    @DefaultValue("100") @Min(1) @Max(1000) int pageSize,
    @DefaultValue("P60D") @NotNull @DurationMin(seconds = 0, message = "must not be negative") Duration backfillHorizon,
    @DefaultValue("PT1M") @NotNull @DurationMin(seconds = 10, message = "must be at least 10 seconds") Duration pollingInterval,
    @DefaultValue("60") @Min(1) @Max(6000) int maxSendsPerMinute) {

  public static final String ENABLED_KEY = "careloop.catch-up.enabled";
  public static final String POLLING_INTERVAL_KEY = "careloop.catch-up.polling-interval";
}
