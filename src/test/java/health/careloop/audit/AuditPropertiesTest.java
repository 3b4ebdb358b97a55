package health.careloop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.support.PropertiesBinding;
import java.time.Duration;
import java.time.Period;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** careloop.audit.* binds with its defaults (six years), and a bad value stops start-up naming the key. */
class AuditPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(AuditProperties.class)
  static class Bind {}

  private final ApplicationContextRunner runner = PropertiesBinding.runner(Bind.class);

  @Test
  void defaults_sixYears_purgedEverySixHours() {
    runner.run(context -> {
      AuditProperties p = context.getBean(AuditProperties.class);
      assertThat(p.retention()).isEqualTo(Period.ofYears(6));
      assertThat(p.purgeInterval()).isEqualTo(Duration.ofHours(6));
      assertThat(p.copyToEhr()).as("no copy to the EHR unless asked for").isFalse();
      assertThat(p.copyInterval()).isEqualTo(Duration.ofMinutes(5));
    });
  }

  @Test
  void noRetention_orAPurgeIntervalUnderAMinute_isRefused_namingTheKey() {
    runner.withPropertyValues("careloop.audit.retention=P0D").run(context ->
        assertThat(context.getStartupFailure()).hasStackTraceContaining("careloop.audit.retention"));
    runner.withPropertyValues("careloop.audit.retention=-P1Y").run(context ->
        assertThat(context.getStartupFailure()).hasStackTraceContaining("careloop.audit.retention"));
    runner.withPropertyValues("careloop.audit.purge-interval=PT30S").run(context ->
        assertThat(context.getStartupFailure()).hasStackTraceContaining("careloop.audit")
            .hasStackTraceContaining("purgeInterval"));
    runner.withPropertyValues("careloop.audit.copy-interval=PT1S").run(context ->
        assertThat(context.getStartupFailure()).hasStackTraceContaining("careloop.audit")
            .hasStackTraceContaining("copyInterval"));
    runner.withPropertyValues("careloop.audit.copy-to-ehr=perhaps").run(context ->
        assertThat(context.getStartupFailure()).hasStackTraceContaining("careloop.audit.copy-to-ehr"));
    runner.withPropertyValues("careloop.audit.retention=P10Y").run(context ->
        assertThat(context.getStartupFailure()).isNull());
  }
}
