package health.careloop.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * When "so long before the start" is, for a person: whole days are counted on the recipient's
 * calendar (a reminder two days before a 10:00 appointment comes at 10:00, even across a
 * daylight-saving change), the rest as elapsed time.
 */
public final class ReminderTime {

  private ReminderTime() {}

  public static Instant before(Instant start, Duration before, ZoneId zone) {
    long days = before.toDays();
    Duration rest = before.minusDays(days);
    return start.atZone(zone).minusDays(days).toInstant().minus(rest);
  }
}
