package health.careloop.schedule.internal;

import com.github.kagkarlsson.scheduler.Clock;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerConfigurationSupport;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import com.github.kagkarlsson.scheduler.stats.StatsRegistry;
import com.github.kagkarlsson.scheduler.task.Task;
import health.careloop.schedule.SchedulerProperties;
import health.careloop.schedule.WorkFailures;
import health.careloop.schedule.WorkHandler;
import health.careloop.schedule.WorkKind;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A second db-scheduler, with threads of its own ({@code careloop.scheduler.intake-threads}) and a
 * table of its own ({@value #TABLE}), that runs only intake's work ({@link #KINDS}): turning the
 * EHR's notifications into plans. The main scheduler's threads send messages, and each send waits
 * on the EHR (reads at send time, the write): an EHR that is slow or hangs can hold every one of
 * them. Intake's work then still runs here, so bookings are planned and changes replanned on time.
 *
 * <p>Its own table rather than the main one: a scheduler fetches every due execution of its table
 * and treats one of a task it does not know as unresolved (logged, and deleted after
 * {@code db-scheduler.delete-unresolved-after}). Every other setting (polling, heartbeats, the
 * clock) is the main scheduler's ({@code db-scheduler.*}). Not a {@link Scheduler} bean: the
 * db-scheduler starter makes the main one only while there is none.
 */
@Component
class IntakeScheduler implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(IntakeScheduler.class);

  static final String TABLE = "intake_scheduled_tasks";
  /** The work this scheduler runs; all other kinds run on the main one. */
  static final List<WorkKind> KINDS = List.of(WorkKind.PROCESS_INBOX_EVENT, WorkKind.PROCESS_INBOX_BATCH);

  private final Scheduler scheduler;
  private final int threads;

  IntakeScheduler(DbSchedulerProperties main, SchedulerProperties capacity, DbSchedulerCustomizer customizer,
      @Qualifier("dbSchedulerClock") Clock clock, DataSource dataSource, List<WorkHandler> handlers,
      RetryPolicy retries, WorkFailures failures) {
    this.threads = capacity.intakeThreads();
    List<Task<?>> tasks = KINDS.stream()
        .<Task<?>>map(kind -> WorkTasks.task(WorkTasks.handler(handlers, kind), retries, failures)).toList();
    this.scheduler = DbSchedulerConfigurationSupport.buildScheduler(settings(main, capacity), customizer,
        StatsRegistry.NOOP, clock, dataSource, tasks, List.of(), List.of());
  }

  /** The main scheduler's settings, with intake's threads and table. */
  private static DbSchedulerProperties settings(DbSchedulerProperties main, SchedulerProperties capacity) {
    DbSchedulerProperties own = new DbSchedulerProperties();
    own.setThreads(capacity.intakeThreads());
    own.setTableName(TABLE);
    own.setSchedulerName(main.getSchedulerName());
    own.setPollingInterval(main.getPollingInterval());
    own.setPollingStrategy(main.getPollingStrategy());
    own.setPollingStrategyLowerLimitFractionOfThreads(main.getPollingStrategyLowerLimitFractionOfThreads());
    own.setPollingStrategyUpperLimitFractionOfThreads(main.getPollingStrategyUpperLimitFractionOfThreads());
    own.setHeartbeatInterval(main.getHeartbeatInterval());
    own.setMissedHeartbeatsLimit(main.getMissedHeartbeatsLimit());
    own.setImmediateExecutionEnabled(main.isImmediateExecutionEnabled());
    own.setAlwaysPersistTimestampInUtc(main.isAlwaysPersistTimestampInUtc());
    own.setPriorityEnabled(main.isPriorityEnabled());
    own.setDeleteUnresolvedAfter(main.getDeleteUnresolvedAfter());
    own.setShutdownMaxWait(main.getShutdownMaxWait());
    own.setFailureLoggerLevel(main.getFailureLoggerLevel());
    own.setFailureLoggerLogStackTrace(main.isFailureLoggerLogStackTrace());
    return own;
  }

  static boolean runs(WorkKind kind) {
    return KINDS.contains(kind);
  }

  Scheduler scheduler() {
    return scheduler;
  }

  /**
   * Started once the application is ready, whatever {@code db-scheduler.delay-startup-until-context-ready}
   * says: its work runs the features' planners, which must all be there. Work submitted before
   * waits in the table until then.
   */
  @EventListener(ApplicationReadyEvent.class)
  void start() {
    log.info("Starting the intake scheduler ({} threads)", threads);
    scheduler.start();
  }

  @Override
  public void destroy() {
    scheduler.stop();
  }
}
