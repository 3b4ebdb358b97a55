package health.careloop.schedule;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When a {@link RecurringWork} runs: a fixed pause after each run ends, or once a day at a time of
 * day in a time zone (daylight-saving changes keep the wall-clock time). The scheduler library that
 * carries it out stays inside this package.
 */
public sealed interface RecurringSchedule {

  /** Every {@code interval} after the previous run ended; the first run one interval after the first start. */
  static RecurringSchedule every(Duration interval) {
    return new Every(interval);
  }

  /** Each day at {@code time} in {@code zone}; the first run at the next such time. */
  static RecurringSchedule dailyAt(LocalTime time, ZoneId zone) {
    return new DailyAt(time, zone);
  }

  record Every(Duration interval) implements RecurringSchedule {
    public Every {
      Objects.requireNonNull(interval, "interval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("A recurring interval must be positive, not " + interval);
      }
    }
  }

  record DailyAt(LocalTime time, ZoneId zone) implements RecurringSchedule {
    public DailyAt {
      Objects.requireNonNull(time, "time");
      Objects.requireNonNull(zone, "zone");
    }
  }
}
