package health.careloop.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock tests move by hand: time-based behaviour is tested without sleeping.
 *
 * <p>It runs with real time plus an offset the test sets, rather than standing still: db-scheduler
 * measures its polling waits and heartbeats on the clock it is given, and a frozen clock would
 * stop its polling altogether.
 */
public final class MutableClock extends Clock {

  private final Clock base = Clock.systemUTC();
  private final AtomicReference<Duration> offset = new AtomicReference<>(Duration.ZERO);

  public static MutableClock startingNow() {
    return new MutableClock();
  }

  public void advance(Duration duration) {
    offset.updateAndGet(o -> o.plus(duration));
  }

  public void set(Instant instant) {
    offset.set(Duration.between(base.instant(), instant));
  }

  @Override
  public Instant instant() {
    return base.instant().plus(offset.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("CareLoop works in UTC instants");
  }
}
