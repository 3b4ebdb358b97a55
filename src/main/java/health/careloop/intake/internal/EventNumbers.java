package health.careloop.intake.internal;

import java.util.OptionalLong;

/**
 * What a topic-based notification's event number says about the ones before it (pure).
 *
 * <p>The EHR numbers each Subscription's events from 1 on ({@code event-number},
 * {@code events-since-subscription-start}). A number more than one past the last one CareLoop
 * heard means events were never delivered. A number below it means the EHR's counter started again
 * (HAPI keeps it in memory: a restart resets it), and events around the restart may have been lost
 * without a gap to show it. The same number again is the EHR's retry of a delivery.
 */
final class EventNumbers {

  enum Verdict {
    /** The next number, or the first ever heard starting at 1, or nothing numbered: nothing missed. */
    IN_ORDER,
    /** Numbers were skipped: events were not delivered. */
    GAP,
    /** Lower than the last: the EHR's counter started again; events may have been lost. */
    RESET,
    /** Heard before (a retry): changes nothing. */
    REPEATED
  }

  /**
   * @param last the highest number heard before from the Subscription, if any
   * @param lowest the lowest number this notification tells of (its first event, or for a heartbeat
   *     the count of events so far, which is the last event's number)
   * @param highest the highest
   * @param countOnly true if the number is a count of events so far, not an event's own (a
   *     heartbeat, a handshake): equal to the last means nothing missed
   */
  static Verdict judge(OptionalLong last, long lowest, long highest, boolean countOnly) {
    if (last.isEmpty()) {
      // Nothing heard before: events before the first heard were missed (or predate CareLoop's
      // record of the Subscription), unless the first heard is the Subscription's first event.
      long firstExpected = countOnly ? 0 : 1;
      return lowest <= firstExpected ? Verdict.IN_ORDER : Verdict.GAP;
    }
    long before = last.getAsLong();
    if (countOnly) {
      if (highest == before) {
        return Verdict.IN_ORDER;
      }
      return highest > before ? Verdict.GAP : Verdict.RESET;
    }
    if (lowest == before + 1) {
      return Verdict.IN_ORDER;
    }
    if (lowest > before + 1) {
      return Verdict.GAP;
    }
    if (highest > before) {
      return Verdict.IN_ORDER; // a retry together with the next events
    }
    return highest == before ? Verdict.REPEATED : Verdict.RESET;
  }

  /** The last number to remember after {@code verdict}: a reset starts counting again. */
  static long lastAfter(OptionalLong last, long highest, Verdict verdict) {
    return verdict == Verdict.RESET || last.isEmpty() ? highest : Math.max(last.getAsLong(), highest);
  }

  private EventNumbers() {}
}
