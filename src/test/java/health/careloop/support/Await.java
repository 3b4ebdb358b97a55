package health.careloop.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded polling for what happens asynchronously in the EHR or CareLoop's background work.
 * Not a sleep-based wait: it returns as soon as the condition holds and fails at the deadline.
 */
public final class Await {

  private static final long POLL_MILLIS = 50;

  private Await() {}

  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    value(what, timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }

  /** Polls until {@code supplier} gives a non-null value, and returns it. */
  public static <T> T value(String what, Duration timeout, Supplier<T> supplier) {
    long deadline = System.nanoTime() + timeout.toNanos();
    RuntimeException last = null;
    while (System.nanoTime() < deadline) {
      try {
        T value = supplier.get();
        if (value != null) {
          return value;
        }
      } catch (RuntimeException e) {
        last = e;
      }
      try {
        Thread.sleep(POLL_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for: " + what, e);
      }
    }
    throw new AssertionError("Timed out after " + timeout + " waiting for: " + what, last);
  }
}
