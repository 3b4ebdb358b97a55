package health.careloop.intake.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Optional;

/**
 * How far CareLoop has caught up with the EHR for one resource type (pure arithmetic).
 *
 * <p>A catch-up searches from the watermark less an overlap: the EHR may commit a change with a
 * {@code lastUpdated} a little before a change already seen (transactions that commit out of
 * order), and CareLoop's clock and the EHR's differ. What the overlap finds again is a duplicate in
 * the inbox. The watermark only ever moves forward, to the greatest {@code lastUpdated} stored.
 */
final class Watermark {

  private Watermark() {}

  /** Where a catch-up from {@code watermark} searches from. */
  static Instant searchFrom(Instant watermark, Duration overlap) {
    return watermark.minus(overlap);
  }

  /**
   * An instant as a search parameter: whole seconds, earlier rather than later (a search from it
   * finds a little more, never less), as every FHIR server parses them.
   */
  static String inQuery(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /**
   * The watermark after a page of resources with these {@code lastUpdated}s was stored: the
   * greatest of them, never earlier than {@code current} (null: none yet).
   */
  static Optional<Instant> advance(Instant current, Collection<Instant> stored) {
    Optional<Instant> greatest = stored.stream().filter(java.util.Objects::nonNull).max(Instant::compareTo);
    if (current == null) {
      return greatest;
    }
    return Optional.of(greatest.filter(g -> g.isAfter(current)).orElse(current));
  }
}
