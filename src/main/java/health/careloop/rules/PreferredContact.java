package health.careloop.rules;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The way the EHR says a person prefers to be reached: the usable contact point (no ended period)
 * of a system CareLoop can write to, lowest rank first; SMS before e-mail before phone when ranks tie.
 */
public final class PreferredContact {

  private static final List<String> CHANNEL_ORDER = List.of("sms", "email", "phone");
  private static final Set<String> USABLE_CHANNELS = Set.copyOf(CHANNEL_ORDER);

  private PreferredContact() {}

  public static Optional<String> channel(List<ContactPoint> telecom, Instant now) {
    return contact(telecom, now).map(ContactPoint::channel);
  }

  /** The contact point itself, as the EHR records it (system, use, rank): to tell staff which one. */
  public static Optional<ContactPoint> contact(List<ContactPoint> telecom, Instant now) {
    return telecom.stream()
        .filter(c -> c.usableAt(now))
        .filter(c -> USABLE_CHANNELS.contains(c.channel()))
        .min(Comparator.comparing((ContactPoint c) -> c.rank() == null ? Integer.MAX_VALUE : c.rank())
            .thenComparing(c -> CHANNEL_ORDER.indexOf(c.channel())));
  }
}
