package health.careloop.schedule.internal;

import health.careloop.schedule.PacedPlanning;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link PacedPlanning} with its last slot in the {@code message_pacing} row, locked ({@code for
 * update}) by the transaction that takes a slot until it commits: two replicas, or two threads
 * planning caught-up events, never take the same slot. The rate in force is the current thread's,
 * for the length of {@link #spreading}: planning listeners run in the thread (and transaction)
 * that publishes the event.
 */
@Component
class MessagePacing implements PacedPlanning {

  private static final String ROW = "caught-up";

  private final JdbcTemplate jdbc;
  private final ThreadLocal<Integer> perMinute = new ThreadLocal<>();

  MessagePacing(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public <T> T spreading(int rate, Supplier<T> planning) {
    if (rate < 1) {
      throw new IllegalArgumentException("at least one message a minute, not " + rate);
    }
    Integer outer = perMinute.get();
    perMinute.set(rate);
    try {
      return planning.get();
    } finally {
      if (outer == null) {
        perMinute.remove();
      } else {
        perMinute.set(outer);
      }
    }
  }

  /**
   * The due time to give a message planned now for {@code dueAt}: unchanged outside
   * {@link #spreading} or when it is due later than now; otherwise the next free slot.
   */
  Instant dueAt(Instant dueAt, Instant now) {
    Integer rate = perMinute.get();
    if (rate == null || dueAt.isAfter(now)) {
      return dueAt;
    }
    List<Timestamp> last = jdbc.query("select last_due_at from message_pacing where name = ? for update",
        (rs, i) -> rs.getTimestamp(1), ROW);
    Instant slot = nextSlot(last.isEmpty() || last.get(0) == null ? null : last.get(0).toInstant(), now, rate);
    jdbc.update("update message_pacing set last_due_at = ? where name = ?", Timestamp.from(slot), ROW);
    return slot;
  }

  /** Pure: now, or one slot after the last one given if that is later. */
  static Instant nextSlot(Instant lastGiven, Instant now, int perMinute) {
    Objects.requireNonNull(now, "now");
    if (lastGiven == null) {
      return now;
    }
    Instant next = lastGiven.plus(slot(perMinute));
    return next.isAfter(now) ? next : now;
  }

  static Duration slot(int perMinute) {
    return Duration.ofMinutes(1).dividedBy(perMinute);
  }
}
