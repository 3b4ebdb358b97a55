package health.careloop.schedule.internal;

import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import health.careloop.schedule.WorkFailure;
import health.careloop.schedule.WorkFailures;
import health.careloop.schedule.WorkHandler;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A failed one-time execution is rescheduled (the same row of {@code scheduled_tasks}, so a restart
 * keeps the retry) at the time the {@link RetryPolicy} gives, with the first failure's time kept in
 * its data ({@link Retrying}); once the policy gives up, the handler records the failure and the
 * execution is removed. Never an in-memory sleep: each retry is a durable execution like the first.
 */
final class RetryWithBackOff implements FailureHandler<Retrying> {

  private static final Logger log = LoggerFactory.getLogger(RetryWithBackOff.class);

  private final RetryPolicy policy;
  private final WorkFailures failures;
  private final WorkHandler handler;

  RetryWithBackOff(RetryPolicy policy, WorkFailures failures, WorkHandler handler) {
    this.policy = policy;
    this.failures = failures;
    this.handler = handler;
  }

  @Override
  public void onFailure(ExecutionComplete complete, ExecutionOperations<Retrying> operations) {
    Instant now = complete.getTimeDone();
    String id = complete.getExecution().taskInstance.getId();
    Instant firstFailure = firstFailure(complete).orElse(now);
    int failuresInARow = complete.getExecution().consecutiveFailures + 1;
    WorkFailure failure = complete.getCause().map(cause -> failures.classify(cause, now))
        .orElseGet(() -> WorkFailure.transientFailure("unknown", Optional.empty()));
    Optional<Instant> next = policy.nextTry(firstFailure, now, failuresInARow, failure.retryAfter());
    if (next.isPresent()) {
      log.info("{} {} failed ({}), {} time(s) in a row: tried again at {}", handler.kind().taskName(), id,
          failure.reason(), failuresInARow, next.get());
      operations.reschedule(complete, next.get(), new Retrying(firstFailure));
      try {
        handler.retrying(id, failure, next.get());
      } catch (RuntimeException e) {
        log.warn("{} {}: the retry is scheduled, but its handler's note of it failed", handler.kind().taskName(), id, e);
      }
      return;
    }
    try {
      handler.giveUp(id);
      log.error("{} {} failed for {} ({} tries, last: {}): given up", handler.kind().taskName(), id,
          policy.giveUpAfter(), failuresInARow, failure.reason());
      operations.stop();
    } catch (RuntimeException e) {
      // Recording the failure failed too (the database?): keep the execution, so that the next
      // failure gives up again, rather than leave the work pending with no execution at all.
      Instant later = now.plus(RetryPolicy.SHORTEST.multipliedBy(60));
      log.error("{} {} could not give up either: tried again at {}", handler.kind().taskName(), id, later, e);
      operations.reschedule(complete, later, new Retrying(firstFailure));
    }
  }

  private static Optional<Instant> firstFailure(ExecutionComplete complete) {
    Object data = complete.getExecution().taskInstance.getData();
    return data instanceof Retrying retrying ? Optional.of(retrying.firstFailure()) : Optional.empty();
  }
}
