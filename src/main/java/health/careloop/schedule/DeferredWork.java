package health.careloop.schedule;

import java.time.Instant;

/**
 * The one door to the durable scheduler. Work submitted inside a transaction exists only if that
 * transaction commits; submitting the same (kind, id) twice is a no-op.
 */
public interface DeferredWork {

  void submit(WorkKind kind, String id, Instant at);

  /** Withdraws work not started yet; work already running finishes (handlers re-check state). */
  void withdraw(WorkKind kind, String id);
}
