package health.careloop.schedule.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.exceptions.ExecutionException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceCurrentlyExecutingException;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceNotFoundException;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import java.time.Instant;
import java.util.List;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;

/**
 * {@link DeferredWork} on db-scheduler: executions live in the {@code scheduled_tasks} table of
 * CareLoop's database (intake's in {@code intake_scheduled_tasks}, run by {@link IntakeScheduler}),
 * so they survive restarts, and each runs on exactly one replica. The schedulers' DataSource is
 * transaction-aware, so scheduling joins the caller's transaction.
 */
@Component
class DbSchedulerDeferredWork implements DeferredWork {

  // Looked up when first used: the scheduler's tasks run handlers that submit work themselves.
  private final ObjectProvider<Scheduler> schedulerProvider;
  private final ObjectProvider<IntakeScheduler> intakeProvider;
  private final Clock clock;

  DbSchedulerDeferredWork(ObjectProvider<Scheduler> schedulerProvider, ObjectProvider<IntakeScheduler> intakeProvider,
      Clock clock) {
    this.schedulerProvider = schedulerProvider;
    this.intakeProvider = intakeProvider;
    this.clock = clock;
  }

  @Override
  public void submit(WorkKind kind, String id, Instant at) {
    schedulerOf(kind).scheduleIfNotExists(descriptor(kind).instance(id).scheduledTo(at));
    if (!at.isAfter(clock.instant())) {
      runDueWorkAfterCommit(schedulerOf(kind));
    }
  }

  /** One insert: db-scheduler's batch scheduling does not look for the execution first. */
  @Override
  public void submitNew(WorkKind kind, String id, Instant at) {
    schedulerOf(kind).scheduleBatch(List.of(descriptor(kind).instance(id).scheduledTo(at)));
    if (!at.isAfter(clock.instant())) {
      runDueWorkAfterCommit(schedulerOf(kind));
    }
  }

  /** One batch of inserts for all of them. */
  @Override
  public void submitAllNew(WorkKind kind, List<String> ids, Instant at) {
    if (ids.isEmpty()) {
      return;
    }
    schedulerOf(kind).scheduleBatch(ids.stream()
        .<SchedulableInstance<?>>map(id -> descriptor(kind).instance(id).scheduledTo(at)).toList());
    if (!at.isAfter(clock.instant())) {
      runDueWorkAfterCommit(schedulerOf(kind));
    }
  }

  @Override
  public void await(WorkKind kind, String id, Instant until) {
    Wait wait = new Wait(clock.instant(), until);
    schedulerOf(kind).scheduleIfNotExists(waitDescriptor(kind).instance(id).data(wait).scheduledTo(wait.firstLook()));
    if (!wait.firstLook().isAfter(clock.instant())) {
      runDueWorkAfterCommit(schedulerOf(kind));
    }
  }

  @Override
  public void runNow(WorkKind recurring) {
    TaskInstanceId next = TaskInstanceId.of(recurring.taskName(), RecurringTask.INSTANCE);
    try {
      scheduler().reschedule(next, clock.instant());
    } catch (TaskInstanceNotFoundException notScheduledYet) {
      // The scheduler has not started yet (it schedules its recurring tasks when it does).
      scheduler().scheduleIfNotExists(descriptor(recurring).instance(RecurringTask.INSTANCE).scheduledTo(clock.instant()));
    } catch (TaskInstanceCurrentlyExecutingException running) {
      return;
    } catch (ExecutionException pickedMeanwhile) {
      // The execution was picked between db-scheduler's look-up and its update (its version moved):
      // a run has just started, and it stands for this one, as when it was running already.
      return;
    }
    scheduler().triggerCheckForDueExecutions();
  }

  @Override
  public void runDueWork() {
    scheduler().triggerCheckForDueExecutions();
    intakeProvider.getObject().scheduler().triggerCheckForDueExecutions();
  }

  /** Work due now starts as soon as it is committed, not at the next polling round. */
  private static void runDueWorkAfterCommit(Scheduler scheduler) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          scheduler.triggerCheckForDueExecutions();
        }
      });
    } else {
      scheduler.triggerCheckForDueExecutions();
    }
  }

  private Scheduler scheduler() {
    return schedulerProvider.getObject();
  }

  /** Intake's work runs on its own scheduler ({@link IntakeScheduler}), everything else on the main one. */
  private Scheduler schedulerOf(WorkKind kind) {
    return IntakeScheduler.runs(kind) ? intakeProvider.getObject().scheduler() : scheduler();
  }

  @Override
  public void withdraw(WorkKind kind, String id) {
    try {
      schedulerOf(kind).cancel(descriptor(kind).instanceId(id));
    } catch (TaskInstanceNotFoundException | TaskInstanceCurrentlyExecutingException e) {
      // Already done, or running now: the handler re-reads the state and does nothing.
    }
  }

  static TaskDescriptor<Void> descriptor(WorkKind kind) {
    return TaskDescriptor.of(kind.taskName());
  }

  /** The descriptor of a kind of waiting work: its executions carry their {@link Wait}. */
  static TaskDescriptor<Wait> waitDescriptor(WorkKind kind) {
    return TaskDescriptor.of(kind.taskName(), Wait.class);
  }
}
