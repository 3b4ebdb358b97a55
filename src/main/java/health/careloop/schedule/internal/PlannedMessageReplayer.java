package health.careloop.schedule.internal;

import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.PlannedMessageReplay;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link PlannedMessageReplay}: the row locked (a dispatch or a replan of it waits), the status
 * checked and changed, and the fresh dispatch job submitted, in one transaction: both are stored or
 * neither is. That is the caller's when there is one (the façade's, whose audit entry of the replay
 * commits with it). Replaying twice: the second finds it pending and changes nothing.
 */
@Component
class PlannedMessageReplayer implements PlannedMessageReplay {

  private static final Logger log = LoggerFactory.getLogger(PlannedMessageReplayer.class);

  private final PlannedMessageRepository repository;
  private final DeferredWork work;
  private final TransactionTemplate transaction;
  private final Clock clock;

  PlannedMessageReplayer(PlannedMessageRepository repository, DeferredWork work, TransactionTemplate transaction,
      Clock clock) {
    this.repository = repository;
    this.work = work;
    this.transaction = transaction;
    this.clock = clock;
  }

  @Override
  public Result replay(String plannedMessageId) {
    return transaction.execute(status -> repository.findForUpdate(plannedMessageId).<Result>map(m -> {
      if (!m.isReplayable()) {
        return new Result.NotReplayable(PlannedMessages.view(m));
      }
      var was = m.status();
      m.replay(clock.instant());
      // Written now rather than at the commit: the transaction may be the caller's, which goes on
      // to read planned_message with plain SQL (a bulk replay counting what still matches).
      repository.flush();
      work.submit(WorkKind.DISPATCH_MESSAGE, m.jobId(), m.dueAt());
      log.info("Planned message {} replayed after it was {}: due now (job {})", m.id(), was, m.jobId());
      return new Result.Replayed(PlannedMessages.view(m));
    }).orElseGet(Result.NotFound::new));
  }
}
