package health.careloop.schedule.internal;

import com.github.kagkarlsson.scheduler.task.FailureHandler.ExponentialBackoffFailureHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler.MaxRetriesFailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import health.careloop.schedule.WorkHandler;
import health.careloop.schedule.WorkKind;
import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * One db-scheduler task per {@link WorkKind}, each delegating to its {@link WorkHandler}.
 *
 * <p>Failures back off exponentially (5 s, 10 s, 20 s, ... about 5.7 hours in all over 12 tries),
 * long enough to ride out an EHR outage; then the handler gives up and records why.
 */
@Configuration(proxyBeanMethods = false)
class WorkTasks {

  static final int MAX_TRIES = 12;
  static final Duration FIRST_RETRY = Duration.ofSeconds(5);

  @Bean
  OneTimeTask<Void> processInboxEventTask(List<WorkHandler> handlers) {
    return task(handler(handlers, WorkKind.PROCESS_INBOX_EVENT));
  }

  @Bean
  OneTimeTask<Void> dispatchMessageTask(List<WorkHandler> handlers) {
    return task(handler(handlers, WorkKind.DISPATCH_MESSAGE));
  }

  private static OneTimeTask<Void> task(WorkHandler handler) {
    return Tasks.oneTime(DbSchedulerDeferredWork.descriptor(handler.kind()))
        .onFailure(new MaxRetriesFailureHandler<>(MAX_TRIES,
            new ExponentialBackoffFailureHandler<>(FIRST_RETRY, 2.0),
            (complete, operations) -> handler.giveUp(complete.getExecution().taskInstance.getId())))
        .execute((instance, context) -> handler.run(instance.getId()));
  }

  private static WorkHandler handler(List<WorkHandler> handlers, WorkKind kind) {
    List<WorkHandler> matching = handlers.stream().filter(h -> h.kind() == kind).toList();
    if (matching.size() != 1) {
      throw new IllegalStateException("Expected exactly one WorkHandler for " + kind + ", found " + matching.size());
    }
    return matching.get(0);
  }
}
