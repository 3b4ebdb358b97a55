package health.careloop.intake;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.support.PropertiesBinding;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** careloop.inbox.* binds with its defaults, and a bad value stops start-up naming the key. */
class InboxPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(InboxProperties.class)
  static class Bind {}

  private final ApplicationContextRunner runner = PropertiesBinding.runner(Bind.class);

  @Test
  void defaults_aWeeksRetention_purgedHourly() {
    runner.run(context -> {
      InboxProperties p = context.getBean(InboxProperties.class);
      assertThat(p.payloadRetention()).isEqualTo(Duration.ofDays(7));
      assertThat(p.purgeInterval()).isEqualTo(Duration.ofHours(1));
    });
  }

  @Test
  void aNegativeRetention_orAPurgeIntervalUnderAMinute_isRefused_namingTheKey() {
    runner.withPropertyValues("careloop.inbox.payload-retention=-P1D").run(context ->
        assertThat(context.getStartupFailure()).hasStackTraceContaining("careloop.inbox")
            .hasStackTraceContaining("payloadRetention"));
    runner.withPropertyValues("careloop.inbox.purge-interval=PT30S").run(context ->
        assertThat(context.getStartupFailure()).hasStackTraceContaining("careloop.inbox")
            .hasStackTraceContaining("purgeInterval"));
    runner.withPropertyValues("careloop.inbox.payload-retention=P0D").run(context ->
        assertThat(context.getStartupFailure()).isNull());
  }
}
