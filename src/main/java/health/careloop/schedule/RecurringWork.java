package health.careloop.schedule;

import java.time.Duration;

/**
 * Work that recurs: a db-scheduler recurring task of the {@link #kind()}'s name, run by one replica
 * at a time, on its {@link #schedule()}. Throwing means "the next run tries again": the next by an
 * interval, or for daily work a retry 15 minutes later (and so on until a run succeeds), so that an
 * outage does not cost a day. {@link DeferredWork#runNow} brings the next run forward.
 */
public interface RecurringWork {

  WorkKind kind();

  /** When it runs: by default every {@link #interval()}. */
  default RecurringSchedule schedule() {
    return RecurringSchedule.every(interval());
  }

  /**
   * For work that runs a fixed pause after the previous run ended: that pause. Work that overrides
   * {@link #schedule()} (a daily time) need not say; asked anyway, it fails at start-up.
   */
  default Duration interval() {
    throw new IllegalStateException(kind() + " overrides neither schedule() nor interval()");
  }

  void run();
}
