package health.careloop.schedule;

import java.time.Instant;

/**
 * Tells a failure worth retrying (the EHR unreachable, slow, overloaded) from a refusal that
 * retrying cannot change (the EHR answered 4xx). Implemented where the EHR's client is known
 * (write-back); the scheduler only asks.
 */
public interface WorkFailures {

  /**
   * @param failure what the work threw
   * @param now to turn a {@code Retry-After} HTTP-date into a delay
   */
  WorkFailure classify(Throwable failure, Instant now);
}
