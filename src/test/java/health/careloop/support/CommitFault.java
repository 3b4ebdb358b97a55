package health.careloop.support;

import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Test configuration for a {@link CareLoopInstance}: a crash between the EHR write and the commit
 * of its outcome. Once armed for an appointment, the next dispatch of a message about it that the
 * real {@link DueMessageHandler} reports sent (its Communication is in the EHR by then) fails before
 * the transaction that would record it as SENT, as if CareLoop had died there: the planned message
 * stays pending and db-scheduler retries the job as it does any failed one.
 *
 * <p>Added to CareLoop's context by the test (a decorator of the production bean); CareLoop's own
 * code has no hook for it.
 */
@Configuration(proxyBeanMethods = false)
public class CommitFault {

  private final Set<String> armed = ConcurrentHashMap.newKeySet();
  private final AtomicInteger failedCommits = new AtomicInteger();

  /** The next commit after a message about {@code appointmentId} was sent fails, once. */
  public void failOnceAfterSending(String appointmentId) {
    armed.add(appointmentId);
  }

  /** How many commits this made fail. */
  public int failedCommits() {
    return failedCommits.get();
  }

  @Bean
  static BeanPostProcessor failingCommitAfterSend(ObjectProvider<CommitFault> fault) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DueMessageHandler real ? fault.getObject().decorate(real) : bean;
      }
    };
  }

  private DueMessageHandler decorate(DueMessageHandler real) {
    return new DueMessageHandler() {
      @Override
      public boolean handles(MessageKind kind) {
        return real.handles(kind);
      }

      @Override
      public DispatchOutcome dispatch(DueMessage message,
          List<DueMessage> sameGroup) {
        return decorated(real, message, sameGroup);
      }
    };
  }

  private DueMessageHandler.DispatchOutcome decorated(DueMessageHandler real, DueMessage message,
      List<DueMessage> sameGroup) {
    DueMessageHandler.DispatchOutcome outcome = real.dispatch(message, sameGroup);
    if (outcome instanceof DueMessageHandler.DispatchOutcome.Sent && armed.remove(message.appointmentId())) {
      // The EHR call is outside any transaction: the dispatch dies between it and the transaction
      // that records the outcome, so SENT is never stored and db-scheduler retries the job.
      failedCommits.incrementAndGet();
      throw new IllegalStateException("Test fault: the dispatch dies after sending planned message "
          + message.plannedMessageId() + ", before its outcome is recorded, as a crash there would");
    }
    return outcome;
  }
}
