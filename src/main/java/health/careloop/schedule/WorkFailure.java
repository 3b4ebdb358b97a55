package health.careloop.schedule;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a failure of background work says about trying again, as {@link WorkFailures} reads it.
 *
 * @param permanent the other side refused the work itself (an EHR's 4xx answer): the same request
 *     will be refused again, however often it is retried
 * @param reason short, and free of patient data: an HTTP status and at most an OperationOutcome
 *     issue code (never its diagnostics or text, which may quote the resource)
 * @param retryAfter how long the other side asked to be left alone ({@code Retry-After}); empty
 *     when it did not say
 */
public record WorkFailure(boolean permanent, String reason, Optional<Duration> retryAfter) {

  public WorkFailure {
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(retryAfter, "retryAfter");
  }

  public static WorkFailure transientFailure(String reason, Optional<Duration> retryAfter) {
    return new WorkFailure(false, reason, retryAfter);
  }

  public static WorkFailure permanentFailure(String reason) {
    return new WorkFailure(true, reason, Optional.empty());
  }
}
