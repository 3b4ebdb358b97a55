package health.careloop.summaries;

import java.time.Duration;
import java.time.Instant;

/**
 * When open work counts as overdue. Pure.
 *
 * <ul>
 *   <li>A referral: made ({@code authoredOn}) longer ago than {@code referralLimit} and still no
 *       appointment booked for it.</li>
 *   <li>An order: no result longer than {@code orderLimit} after it was made or, when the order
 *       says when it is to be done ({@code occurrence}) and that is later, after then: a test
 *       ordered today for next month is not late next week.</li>
 *   <li>A Task: its due time ({@code restriction.period.end}) has passed; a Task without one is never overdue.</li>
 * </ul>
 * Without the date a rule needs, the item is listed but not overdue: CareLoop cannot say it is late.
 */
public record OverdueRules(Duration referralLimit, Duration orderLimit) {

  public boolean referral(Instant authoredOn, Instant now) {
    return authoredOn != null && authoredOn.plus(referralLimit).isBefore(now);
  }

  public boolean order(Instant authoredOn, Instant occurrence, Instant now) {
    Instant from = occurrence == null || (authoredOn != null && authoredOn.isAfter(occurrence)) ? authoredOn : occurrence;
    return from != null && from.plus(orderLimit).isBefore(now);
  }

  public boolean task(Instant due, Instant now) {
    return due != null && due.isBefore(now);
  }
}
