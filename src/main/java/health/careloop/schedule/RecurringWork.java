package health.careloop.schedule;

import java.time.Duration;

/**
 * Work that recurs: a db-scheduler recurring task of the {@link #kind()}'s name, run by one replica
 * at a time, {@link #interval()} after the previous run ended. Throwing means "the next run tries
 * again"; {@link DeferredWork#runNow} brings the next run forward.
 */
public interface RecurringWork {

  WorkKind kind();

  Duration interval();

  void run();
}
