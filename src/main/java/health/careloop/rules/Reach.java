package health.careloop.rules;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * How a recipient who may be messaged is reached: the time zone their messages are timed in, and
 * the channel the EHR says they prefer ({@code sms}, {@code email}, {@code phone}; empty if none).
 */
public record Reach(ZoneId zone, Optional<String> preferredChannel) {

  public Reach {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(preferredChannel, "preferredChannel");
  }

  public static Reach in(ZoneId zone) {
    return new Reach(zone, Optional.empty());
  }
}
