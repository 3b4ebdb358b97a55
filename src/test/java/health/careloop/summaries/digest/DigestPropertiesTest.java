package health.careloop.summaries.digest;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.schedule.RecurringSchedule;
import health.careloop.support.PropertiesBinding;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** careloop.summaries.digest.* binds with its defaults, and a bad value stops start-up naming the key. */
class DigestPropertiesTest {

  private static final ZoneId CLINIC = ZoneId.of("Europe/London");

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(DigestProperties.class)
  static class Bind {}

  private final ApplicationContextRunner runner = PropertiesBinding.runner(Bind.class);

  @Test
  void defaults_sevenOClockOnWeekdays_inTheClinicsZone() {
    runner.run(context -> {
      DigestProperties p = context.getBean(DigestProperties.class);
      assertThat(p.enabled()).isTrue();
      assertThat(p.writeWhenEmpty()).isFalse();
      assertThat(p.schedule(CLINIC)).isEqualTo(RecurringSchedule.dailyAt(LocalTime.of(7, 0), CLINIC));
      assertThat(p.writesOn(DayOfWeek.FRIDAY)).isTrue();
      assertThat(p.writesOn(DayOfWeek.SATURDAY)).isFalse();
      assertThat(p.writesOn(DayOfWeek.SUNDAY)).isFalse();
    });
  }

  @Test
  void aTimeZoneAndDays_override() {
    runner.withPropertyValues("careloop.summaries.digest.at=06:30", "careloop.summaries.digest.days=saturday",
        "careloop.summaries.digest.time-zone=Europe/Paris").run(context -> {
          DigestProperties p = context.getBean(DigestProperties.class);
          assertThat(p.schedule(CLINIC)).isEqualTo(RecurringSchedule.dailyAt(LocalTime.of(6, 30), ZoneId.of("Europe/Paris")));
          assertThat(p.writesOn(DayOfWeek.SATURDAY)).isTrue();
          assertThat(p.writesOn(DayOfWeek.MONDAY)).isFalse();
        });
  }

  @Test
  void noDays_aBadDay_orABadTime_stopStartUp_namingTheKey() {
    runner.withPropertyValues("careloop.summaries.digest.days=").run(context ->
        assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("days"));
    runner.withPropertyValues("careloop.summaries.digest.days=someday").run(context ->
        assertThat(context.getStartupFailure()).hasStackTraceContaining("careloop.summaries.digest.days"));
    runner.withPropertyValues("careloop.summaries.digest.at=7 o'clock").run(context ->
        assertThat(context.getStartupFailure()).hasStackTraceContaining("careloop.summaries.digest.at"));
  }
}
