package health.careloop.intake.internal;

import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.WorkHandler;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Plans the notifications stored together ({@link Inbox#acceptAll}) with one job for them all
 * ({@link InboxBatches}), each as {@link InboxProcessor} plans one alone, in its own transaction.
 *
 * <p>Why: a job per notification was three more writes of the scheduler's table for each (its
 * insert, its pick, its removal), which held the hook at half the rate it reaches without them.
 *
 * <p>A notification whose planning fails does not hold up the others, nor do they share its retries:
 * it goes on as a job of its own ({@code PROCESS_INBOX_EVENT}, due now), with the retries, back-off
 * and final failure of any notification, and the rest of the batch is planned. Only when that
 * hand-over cannot be stored (the database away) does this job fail, and it is tried again as a
 * whole: what was planned meanwhile is no longer pending, and is skipped. Should that job be given
 * up, each of its notifications goes on as a job of its own, so that none is left without one.
 */
@Component
class InboxBatchProcessor implements WorkHandler {

  private static final Logger log = LoggerFactory.getLogger(InboxBatchProcessor.class);

  private final Consumer<String> planOne;
  private final DeferredWork work;
  private final Clock clock;

  @Autowired
  InboxBatchProcessor(InboxProcessor processor, DeferredWork work, Clock clock) {
    this(processor::run, work, clock);
  }

  /** @param planOne plans one inbox event, as {@link InboxProcessor#run} (a pending one only) */
  InboxBatchProcessor(Consumer<String> planOne, DeferredWork work, Clock clock) {
    this.planOne = planOne;
    this.work = work;
    this.clock = clock;
  }

  @Override
  public WorkKind kind() {
    return WorkKind.PROCESS_INBOX_BATCH;
  }

  @Override
  public void run(String jobId) {
    for (Long eventId : InboxBatches.eventIds(jobId)) {
      String id = eventId.toString();
      try {
        planOne.accept(id);
      } catch (RuntimeException e) {
        // Its transaction rolled back: still pending, and from now on retried on its own.
        log.info("Inbox event {} could not be planned ({}): tried again on its own", id, e.getClass().getSimpleName());
        work.submit(WorkKind.PROCESS_INBOX_EVENT, id, clock.instant());
      }
    }
  }

  /** Each event goes on alone: one already planned is skipped by its job, as by this one. */
  @Override
  public void giveUp(String jobId) {
    List<Long> eventIds = InboxBatches.eventIds(jobId);
    eventIds.forEach(id -> work.submit(WorkKind.PROCESS_INBOX_EVENT, id.toString(), clock.instant()));
    log.warn("Inbox events {} are each tried again on their own", jobId);
  }
}
