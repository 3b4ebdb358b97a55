package health.careloop.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.support.PropertiesBinding;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** careloop.scheduler.* binds with its defaults, and a value under 1 stops start-up naming the key. */
class SchedulerPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SchedulerProperties.class)
  static class Bind {}

  private final ApplicationContextRunner runner = PropertiesBinding.runner(Bind.class);

  @Test
  void defaults_eightPlanningThreads_twoOfThemWhileEightDeliveriesAreInFlight() {
    runner.run(context -> {
      SchedulerProperties p = context.getBean(SchedulerProperties.class);
      assertThat(p.intakeThreads()).isEqualTo(8);
      assertThat(p.intakeThreadsWhileHookBusy()).isEqualTo(2);
      assertThat(p.hookBusyAt()).isEqualTo(8);
    });
  }

  @Test
  void aValueUnderOne_isRefused_namingTheKey() {
    for (String key : new String[] {"intake-threads", "intake-threads-while-hook-busy", "hook-busy-at"}) {
      runner.withPropertyValues("careloop.scheduler." + key + "=0").run(context ->
          assertThat(context.getStartupFailure()).as(key)
              .hasStackTraceContaining("careloop.scheduler." + key + " must be at least 1"));
    }
  }
}
