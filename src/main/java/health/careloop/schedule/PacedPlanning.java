package health.careloop.schedule;

import java.util.function.Supplier;

/**
 * Planning whose messages that fall due at once are spread out instead: what a catch-up search
 * or the first start's backfill found may be hundreds of appointments at a time, and their
 * confirmations and notices would otherwise all be written in the same minute (a flood of
 * messages, and of calls to the clinic after them). Inside {@link #spreading}, each message
 * planned to go out now is given the next free slot instead: no sooner than now, and one slot
 * ({@code 1 minute / perMinute}) after the previous message given one (by any replica; the slot is
 * kept in CareLoop's database). Messages due later, and everything planned outside it (a live
 * notification), keep their due time.
 */
public interface PacedPlanning {

  /** Runs {@code planning} (in the caller's transaction) with its due-now messages spread at {@code perMinute}. */
  <T> T spreading(int perMinute, Supplier<T> planning);
}
