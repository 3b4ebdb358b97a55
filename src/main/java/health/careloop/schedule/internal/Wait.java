package health.careloop.schedule.internal;

import java.io.Serial;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A wait's pace ({@link health.careloop.schedule.DeferredWork#await}), kept with its execution in
 * the scheduler's table (so a restart keeps it): looks a minute apart at first, then as far apart
 * as the wait has lasted so far (the EHR that is late by an hour is rarely late by a minute more),
 * at most 15 minutes apart; the last look exactly at {@code until}.
 *
 * @param since when the wait began
 * @param until when it ends
 */
record Wait(Instant since, Instant until) implements Serializable {

  @Serial
  private static final long serialVersionUID = 1L;

  static final Duration SHORTEST_PAUSE = Duration.ofMinutes(1);
  static final Duration LONGEST_PAUSE = Duration.ofMinutes(15);

  Wait {
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
  }

  /** The first look. */
  Instant firstLook() {
    return earlierOf(since.plus(SHORTEST_PAUSE), until);
  }

  /** After a look at {@code now} found nothing: when to look next; empty when the wait is over. */
  Optional<Instant> nextLook(Instant now) {
    if (!now.isBefore(until)) {
      return Optional.empty();
    }
    Duration waited = Duration.between(since, now);
    Duration pause = waited.compareTo(SHORTEST_PAUSE) < 0 ? SHORTEST_PAUSE
        : waited.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : waited;
    return Optional.of(earlierOf(now.plus(pause), until));
  }

  private static Instant earlierOf(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
