package health.careloop.support;

import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Test configuration for a {@link CareLoopInstance}: holds the send of a planned message at its due
 * time, before CareLoop's send-time checks read the EHR, until the test lets it go. So a test can
 * change the EHR between planning and sending (a Consent withdrawn, a death recorded) without racing
 * the scheduler. Added to CareLoop's context by the test (a decorator of the production handlers);
 * CareLoop's own code has no hook for it.
 */
@Configuration(proxyBeanMethods = false)
public class SendGate {

  private final Map<String, Gate> gates = new ConcurrentHashMap<>();

  /** The next message about Patient {@code patientId} waits at its send until {@link #release}. */
  public void hold(String patientId) {
    gates.put(patientId, new Gate(new CountDownLatch(1), new CountDownLatch(1)));
  }

  /** Waits until a held message about {@code patientId} is at its send, waiting. */
  public void awaitHeld(String patientId, Duration timeout) throws InterruptedException {
    if (!gates.get(patientId).arrived().await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("no message about Patient/" + patientId + " came to be sent within " + timeout);
    }
  }

  /** Lets the held message go on: CareLoop's checks and send run now. */
  public void release(String patientId) {
    gates.remove(patientId).open().countDown();
  }

  @Bean
  static BeanPostProcessor heldAtSend(ObjectProvider<SendGate> gate) {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DueMessageHandler real ? gate.getObject().decorate(real) : bean;
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
      public DispatchOutcome dispatch(DueMessage message, List<DueMessage> sameGroup) {
        Gate gate = gates.get(message.patientId());
        if (gate != null) {
          gate.arrived().countDown();
          try {
            if (!gate.open().await(60, TimeUnit.SECONDS)) {
              throw new IllegalStateException("Test gate for Patient/" + message.patientId() + " never opened");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
          }
        }
        return real.dispatch(message, sameGroup);
      }
    };
  }

  private record Gate(CountDownLatch arrived, CountDownLatch open) {}
}
