package health.careloop.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * When a "we missed you" message may go out. It is news only soon after the appointment: a
 * no-show of last year, seen for the first time after a data migration, a bulk correction of
 * statuses or a gap in notifications, is history, and messaging every such patient at once would
 * be a flood of confusing messages. So it goes out only within {@code window} after the start, and
 * by default only for an appointment CareLoop had as booked before it became a no-show.
 *
 * @param window how long after the appointment's start the message may still go out
 * @param requireBookedBefore only when the version CareLoop last planned from was booked; false: a
 *     no-show CareLoop sees for the first time is messaged too (within the window)
 */
public record MissedMessagePolicy(Duration window, boolean requireBookedBefore) {

  private static final String NO_START = "the appointment has no start";

  public MissedMessagePolicy {
    Objects.requireNonNull(window, "window");
    if (window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("the window after the start must be positive: " + window);
    }
  }

  /**
   * Empty if a missed-appointment message may be planned to go out at {@code due}; else why not
   * (no patient data).
   *
   * @param before the state CareLoop last planned from, null if the no-show is the first it sees
   */
  public Optional<String> whyNotPlanned(AppointmentSnapshot before, Instant start, Instant due) {
    if (start == null) {
      return Optional.of(NO_START);
    }
    if (requireBookedBefore && (before == null || before.status() != AppointmentStatus.BOOKED)) {
      return Optional.of("CareLoop did not have the appointment as booked before the no-show");
    }
    return whyNotAt(start, due);
  }

  /**
   * Empty if a missed-appointment message may still go out at {@code at}; else why not. Without a
   * start there is no telling how old the no-show is: never.
   */
  public Optional<String> whyNotAt(Instant start, Instant at) {
    if (start == null) {
      return Optional.of(NO_START);
    }
    if (at.isAfter(start.plus(window))) {
      return Optional.of("it would go out more than " + window + " after the start");
    }
    return Optional.empty();
  }
}
