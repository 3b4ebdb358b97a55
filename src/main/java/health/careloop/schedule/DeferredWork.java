package health.careloop.schedule;

import java.time.Instant;
import java.util.List;

/**
 * The one door to the durable scheduler. Work submitted inside a transaction exists only if that
 * transaction commits; submitting the same (kind, id) twice is a no-op.
 */
public interface DeferredWork {

  void submit(WorkKind kind, String id, Instant at);

  /**
   * {@link #submit} for an id never submitted before (a row's new key): an implementation may skip
   * looking for an existing (kind, id) first. Submitting an existing one fails the transaction.
   */
  default void submitNew(WorkKind kind, String id, Instant at) {
    submit(kind, id, at);
  }

  /**
   * {@link #submitNew} for many ids at once (new rows' keys): an implementation may schedule them in
   * one statement.
   */
  default void submitAllNew(WorkKind kind, List<String> ids, Instant at) {
    ids.forEach(id -> submitNew(kind, id, at));
  }

  /** Withdraws work not started yet; work already running finishes (handlers re-check state). */
  void withdraw(WorkKind kind, String id);

  /**
   * Has {@code kind}'s {@link WaitHandler} look for what (kind, id) waits for, again and again,
   * further apart each time (a minute after now, then after as long as it has waited so far, at
   * most 15 minutes apart), until it is done or {@code until} has come: the last look is at
   * {@code until}, and if that finds nothing the handler gives up. Like {@link #submit}: it exists
   * only if the caller's transaction commits, it survives restarts, and awaiting a (kind, id) that
   * is already awaited is a no-op (the first {@code until} holds).
   */
  void await(WorkKind kind, String id, Instant until);

  /**
   * Brings the next run of a {@link RecurringWork} forward to now (on whichever replica picks it
   * up); if it is running now, that run stands for this one.
   */
  void runNow(WorkKind recurring);

  /** Looks for work that is due now at once, not at the next polling round (e.g. once the clock has moved on). */
  void runDueWork();
}
