package health.careloop.support;

import health.careloop.CareLoopApplication;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Test configuration for a {@link CareLoopProcess}: after the real {@link DueMessageHandler} has
 * written a message's Communication to the EHR, its dispatch waits {@code careloop.test.pause-after-send}
 * before it goes on to record the outcome. A kill of the process then almost surely finds some
 * dispatch between its EHR write and that commit, the crash window a restart must not turn into a
 * second message; without the pause that window is a few milliseconds and a kill rarely lands in it.
 *
 * <p>Started as the child JVM's main class instead of {@link CareLoopApplication}; CareLoop's own
 * code has no hook for it.
 */
@Configuration(proxyBeanMethods = false)
public class PauseAfterSend {

  public static final String PAUSE_KEY = "careloop.test.pause-after-send";

  public static void main(String[] args) {
    new SpringApplicationBuilder(CareLoopApplication.class).sources(PauseAfterSend.class).run(args);
  }

  @Bean
  static BeanPostProcessor pausingAfterSend(Environment environment) {
    Duration pause = environment.getProperty(PAUSE_KEY, Duration.class, Duration.ZERO);
    return new BeanPostProcessor() {
      @Override
      public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof DueMessageHandler real ? paused(real, pause) : bean;
      }
    };
  }

  private static DueMessageHandler paused(DueMessageHandler real, Duration pause) {
    return new DueMessageHandler() {
      @Override
      public boolean handles(MessageKind kind) {
        return real.handles(kind);
      }

      @Override
      public DispatchOutcome dispatch(DueMessage message, List<DueMessage> sameGroup) {
        DispatchOutcome outcome = real.dispatch(message, sameGroup);
        if (outcome instanceof DispatchOutcome.Sent) {
          try {
            Thread.sleep(pause.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return outcome;
      }
    };
  }
}
