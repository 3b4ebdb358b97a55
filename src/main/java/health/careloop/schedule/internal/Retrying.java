package health.careloop.schedule.internal;

import java.io.Serial;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * Kept with a failed one-time execution in the scheduler's table (so a restart keeps it): when it
 * first failed, from which the give-up time counts ({@link RetryPolicy}). Work submitted fresh has
 * none.
 */
record Retrying(Instant firstFailure) implements Serializable {

  @Serial
  private static final long serialVersionUID = 1L;

  Retrying {
    Objects.requireNonNull(firstFailure, "firstFailure");
  }
}
