package health.careloop.rules;

import java.time.ZoneId;
import java.util.Optional;

/** The time zone a recipient reads times in: their own, else the place of care, else the default. */
public final class TimeZoneChoice {

  private TimeZoneChoice() {}

  public static ZoneId choose(Optional<ZoneId> patient, Optional<ZoneId> location, ZoneId configured) {
    return patient.or(() -> location).orElse(configured);
  }

  /** Parses an IANA zone id; empty for a missing or unknown one (real data has both). */
  public static Optional<ZoneId> parse(String ianaId) {
    if (ianaId == null || ianaId.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(ianaId.trim()));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }
}
