package health.careloop.rules;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * The hours of the recipient's day in which no message may land, e.g. 21:00 to 08:00, read in the
 * recipient's own time zone (daylight-saving changes included: local times are resolved per day).
 *
 * @param start local time quiet hours begin (messages at or after it are quiet)
 * @param end local time quiet hours end (messages at or after it are allowed again)
 */
public record QuietHours(LocalTime start, LocalTime end) {

  /** The last moment before quiet hours begin that a moved-earlier message is given. */
  static final Duration MARGIN = Duration.ofMinutes(1);

  public QuietHours {
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    if (start.equals(end)) {
      throw new IllegalArgumentException("quiet hours start and end are the same time: " + start);
    }
  }

  /** No quiet hours at all (e.g. for a service that only writes to an inbox). */
  public static Optional<QuietHours> none() {
    return Optional.empty();
  }

  public boolean isQuiet(Instant instant, ZoneId zone) {
    LocalTime t = instant.atZone(zone).toLocalTime();
    return start.isAfter(end)
        ? !t.isBefore(start) || t.isBefore(end)   // spans midnight: 21:00-08:00
        : !t.isBefore(start) && t.isBefore(end);  // same day: 13:00-14:00
  }

  /**
   * The latest allowed moment at or before {@code instant}: itself if allowed, else the minute
   * before the quiet period it falls in began.
   */
  public Instant latestAllowedAtOrBefore(Instant instant, ZoneId zone) {
    if (!isQuiet(instant, zone)) {
      return instant;
    }
    ZonedDateTime local = instant.atZone(zone);
    LocalDate quietStartDay = start.isAfter(end) && local.toLocalTime().isBefore(end)
        ? local.toLocalDate().minusDays(1)
        : local.toLocalDate();
    return ZonedDateTime.of(quietStartDay, start, zone).toInstant().minus(MARGIN);
  }

  /** The earliest allowed moment at or after {@code instant}: itself if allowed, else the end of quiet hours. */
  public Instant earliestAllowedAtOrAfter(Instant instant, ZoneId zone) {
    if (!isQuiet(instant, zone)) {
      return instant;
    }
    ZonedDateTime local = instant.atZone(zone);
    LocalDate quietEndDay = start.isAfter(end) && !local.toLocalTime().isBefore(start)
        ? local.toLocalDate().plusDays(1)
        : local.toLocalDate();
    return ZonedDateTime.of(quietEndDay, end, zone).toInstant();
  }
}
