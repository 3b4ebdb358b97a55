package health.careloop.schedule.internal;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler.ExponentialBackoffFailureHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler.MaxRetriesFailureHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler.OnFailureRetryLater;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.schedule.Schedule;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.RecurringSchedule;
import health.careloop.schedule.RecurringWork;
import health.careloop.schedule.RetryProperties;
import health.careloop.schedule.WaitHandler;
import health.careloop.schedule.WorkFailures;
import health.careloop.schedule.WorkHandler;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One db-scheduler task per {@link WorkKind}, each delegating to its {@link WorkHandler}. The tasks
 * here are the main scheduler's (the db-scheduler starter's, which takes every task bean); intake's
 * run on a scheduler of their own ({@link IntakeScheduler}), built from {@link #task} too.
 *
 * <p>A failed run of one-time work is tried again as the {@link RetryPolicy} says (exponential
 * back-off with jitter, an EHR's Retry-After first, for {@code careloop.delivery.retry.give-up-after}
 * since the first failure: by default six hours, long enough to ride out an EHR outage); then the
 * handler gives up and records why ({@link RetryWithBackOff}). Waiting work ({@link WaitHandler}) is
 * a task of the same name whose executions carry their {@link Wait}; its failed looks still back
 * off exponentially (5 s, 10 s, 20 s, ... about 5.7 hours in all over 12 tries).
 */
@Configuration(proxyBeanMethods = false)
class WorkTasks {

  private static final Logger log = LoggerFactory.getLogger(WorkTasks.class);

  static final int MAX_TRIES = 12;
  static final Duration FIRST_RETRY = Duration.ofSeconds(5);
  /** How soon a failed run of daily work is tried again (and again, until one succeeds). */
  static final Duration DAILY_RETRY = Duration.ofMinutes(15);

  @Bean
  RetryPolicy retryPolicy(RetryProperties properties) {
    return new RetryPolicy(properties);
  }

  @Bean
  OneTimeTask<Retrying> dispatchMessageTask(List<WorkHandler> handlers, RetryPolicy retries, WorkFailures failures) {
    return task(handler(handlers, WorkKind.DISPATCH_MESSAGE), retries, failures);
  }

  @Bean
  CustomTask<Wait> planLatePatientTask(List<WaitHandler> handlers, Clock clock) {
    return waiting(waitHandler(handlers, WorkKind.PLAN_LATE_PATIENT), clock);
  }

  @Bean
  OneTimeTask<Retrying> closeReferralTaskTask(List<WorkHandler> handlers, RetryPolicy retries,
      WorkFailures failures) {
    return task(handler(handlers, WorkKind.CLOSE_REFERRAL_TASK), retries, failures);
  }

  @Bean
  RecurringTask<Void> catchUpTask(List<RecurringWork> recurring) {
    return recurring(recurring, WorkKind.CATCH_UP);
  }

  @Bean
  RecurringTask<Void> referralSweepTask(List<RecurringWork> recurring) {
    return recurring(recurring, WorkKind.REFERRAL_SWEEP);
  }

  @Bean
  RecurringTask<Void> clinicianDigestTask(List<RecurringWork> recurring) {
    return recurring(recurring, WorkKind.CLINICIAN_DIGEST);
  }

  @Bean
  RecurringTask<Void> superviseSubscriptionsTask(List<RecurringWork> recurring) {
    return recurring(recurring, WorkKind.SUPERVISE_SUBSCRIPTIONS);
  }

  @Bean
  RecurringTask<Void> purgeInboxPayloadsTask(List<RecurringWork> recurring) {
    return recurring(recurring, WorkKind.PURGE_INBOX_PAYLOADS);
  }

  @Bean
  RecurringTask<Void> purgeAuditTask(List<RecurringWork> recurring) {
    return recurring(recurring, WorkKind.PURGE_AUDIT);
  }

  @Bean
  RecurringTask<Void> copyAuditToEhrTask(List<RecurringWork> recurring) {
    return recurring(recurring, WorkKind.COPY_AUDIT_TO_EHR);
  }

  /** Cluster-safe: one execution row in {@code scheduled_tasks}, picked by one replica at a time. */
  private static RecurringTask<Void> recurring(List<RecurringWork> recurring, WorkKind kind) {
    RecurringWork work = recurring.stream().filter(r -> r.kind() == kind).findFirst()
        .orElseThrow(() -> new IllegalStateException("Expected a RecurringWork for " + kind));
    var builder = Tasks.recurring(work.kind().taskName(), schedule(work.schedule()));
    if (work.schedule() instanceof RecurringSchedule.DailyAt) {
      // The next run by the schedule is a day away: a run the EHR's outage failed is tried again soon.
      builder = builder.onFailure(new OnFailureRetryLater<>(DAILY_RETRY));
    }
    return builder.execute((instance, context) -> work.run());
  }

  /**
   * A daily time is deterministic: when the configured time changes, db-scheduler moves the stored
   * next run to the new time at start-up.
   */
  static Schedule schedule(RecurringSchedule schedule) {
    if (schedule instanceof RecurringSchedule.DailyAt daily) {
      return Schedules.daily(daily.zone(), daily.time());
    }
    return firstAfterOneInterval(((RecurringSchedule.Every) schedule).interval());
  }

  /**
   * A fixed delay whose first run (on a database that never had one) is one interval away, not
   * now: the run at start-up is the owner's to ask for ({@link DeferredWork#runNow}), once it is
   * ready (the catch-up: once the Subscriptions are registered).
   */
  static Schedule firstAfterOneInterval(Duration interval) {
    Schedule delay = Schedules.fixedDelay(interval);
    return new Schedule() {
      @Override
      public Instant getNextExecutionTime(ExecutionComplete complete) {
        return delay.getNextExecutionTime(complete);
      }

      @Override
      public Instant getInitialExecutionTime(Instant now) {
        return now.plus(interval);
      }

      @Override
      public boolean isDeterministic() {
        return false;
      }

      @Override
      public String toString() {
        return "FixedDelay, first after " + interval;
      }
    };
  }

  /**
   * A look that finds nothing is planned again at the wait's pace ({@link Wait}), until the wait
   * is over; then the handler gives up. A look that fails (throws) is tried again with the same
   * back-off as other work, and after as many tries the handler is asked to give up.
   */
  private static CustomTask<Wait> waiting(WaitHandler handler, Clock clock) {
    return Tasks.custom(DbSchedulerDeferredWork.waitDescriptor(handler.kind()))
        .onFailure(new MaxRetriesFailureHandler<>(MAX_TRIES,
            new ExponentialBackoffFailureHandler<>(FIRST_RETRY, 2.0),
            (complete, operations) -> giveUpAfterFailures(handler, complete.getExecution().taskInstance.getId())))
        .execute((instance, context) -> {
          if (handler.attempt(instance.getId())) {
            return new CompletionHandler.OnCompleteRemove<>();
          }
          Optional<Instant> next = instance.getData().nextLook(clock.instant());
          if (next.isEmpty()) {
            handler.giveUp(instance.getId());
            return new CompletionHandler.OnCompleteRemove<>();
          }
          return (complete, operations) -> operations.reschedule(complete, next.get());
        });
  }

  private static void giveUpAfterFailures(WaitHandler handler, String id) {
    try {
      handler.giveUp(id);
    } catch (RuntimeException e) {
      log.error("{} {} failed {} times and could not give up either", handler.kind().taskName(), id, MAX_TRIES, e);
    }
  }

  private static WaitHandler waitHandler(List<WaitHandler> handlers, WorkKind kind) {
    List<WaitHandler> matching = handlers.stream().filter(h -> h.kind() == kind).toList();
    if (matching.size() != 1) {
      throw new IllegalStateException("Expected exactly one WaitHandler for " + kind + ", found " + matching.size());
    }
    return matching.get(0);
  }

  /**
   * Work is submitted without data ({@link DbSchedulerDeferredWork#descriptor}); a failed execution
   * carries its {@link Retrying} from then on.
   */
  static OneTimeTask<Retrying> task(WorkHandler handler, RetryPolicy retries, WorkFailures failures) {
    return Tasks.oneTime(handler.kind().taskName(), Retrying.class)
        .onFailure(new RetryWithBackOff(retries, failures, handler))
        .execute((instance, context) -> handler.run(instance.getId()));
  }

  static WorkHandler handler(List<WorkHandler> handlers, WorkKind kind) {
    List<WorkHandler> matching = handlers.stream().filter(h -> h.kind() == kind).toList();
    if (matching.size() != 1) {
      throw new IllegalStateException("Expected exactly one WorkHandler for " + kind + ", found " + matching.size());
    }
    return matching.get(0);
  }
}
