package health.careloop.ehrlink.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.stream.Stream;

/**
 * Whether a Subscription's silence means notifications were missed (pure).
 *
 * <p>Silence alone means nothing: a clinic closed for the night changes no Appointment. It counts
 * once it has lasted longer than allowed <em>and</em> the EHR holds changes of the type made since
 * (a cheap {@code _summary=count} search); changes of the last {@link #IN_FLIGHT} are left out, their
 * notifications may be on their way.
 */
final class Silence {

  /** How long the EHR may take to deliver a change's notification. */
  static final Duration IN_FLIGHT = Duration.ofMinutes(2);

  enum Verdict {
    /** Heard from within the allowed silence (or first looked at now). */
    HEARD,
    /** Silent for longer than allowed, but the EHR changed nothing of the type: nothing was missed. */
    QUIET,
    /** Silent for longer than allowed while the EHR changed resources of the type: notifications were missed. */
    SILENT
  }

  record Judgement(Verdict verdict, Instant from, int changes) {}

  private Silence() {}

  /**
   * Where silence is measured from: the latest of the last notification, the last repair of the
   * Subscription (what it missed before was caught up) and where it was measured from before; the
   * first look, if none of these is known.
   */
  static Instant from(Optional<Instant> lastNotification, Optional<Instant> repairedAt,
      Optional<Instant> measuredBefore, Instant now) {
    return Stream.of(lastNotification, repairedAt, measuredBefore).flatMap(Optional::stream)
        .max(Instant::compareTo).orElse(now);
  }

  /**
   * @param changesSince how many resources of the type the EHR changed from {@code from} to
   *     {@code now} less {@link #IN_FLIGHT}; asked only when the silence has lasted long enough
   */
  static Judgement judge(Instant from, Instant now, Duration allowed, IntSupplier changesSince) {
    if (Duration.between(from, now).compareTo(allowed) <= 0) {
      return new Judgement(Verdict.HEARD, from, 0);
    }
    int changes = changesSince.getAsInt();
    return new Judgement(changes > 0 ? Verdict.SILENT : Verdict.QUIET, from, changes);
  }
}
