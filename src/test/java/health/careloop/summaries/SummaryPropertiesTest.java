package health.careloop.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.support.PropertiesBinding;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** careloop.summaries.* binds with its defaults, and a bad value stops start-up naming the key. */
class SummaryPropertiesTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(SummaryProperties.class)
  static class Bind {}

  private final ApplicationContextRunner runner = PropertiesBinding.runner(Bind.class);

  @Test
  void defaults() {
    runner.run(context -> {
      SummaryProperties p = context.getBean(SummaryProperties.class);
      assertThat(p.referralCategories()).containsExactly("http://snomed.info/sct|3457005");
      assertThat(p.referralOverdue()).isEqualTo(Duration.ofDays(3));
      assertThat(p.orderOverdue()).isEqualTo(Duration.ofDays(7));
      assertThat(p.participantTypes()).containsExactly(
          "http://terminology.hl7.org/CodeSystem/v3-ParticipationType|PPRF",
          "http://terminology.hl7.org/CodeSystem/v3-ParticipationType|ATND");
      assertThat(p.writeWhenEmpty()).isFalse();
      assertThat(p.maxNextAppointments()).isEqualTo(3);
      assertThat(p.repeatAfter()).isEqualTo(Duration.ofDays(7));
    });
  }

  @Test
  void aNegativeRepeatWindow_stopsStartUp_namingTheKey_zeroSwitchesItOff() {
    runner.withPropertyValues("careloop.summaries.repeat-after=-P1D").run(context ->
        assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("repeatAfter"));
    runner.withPropertyValues("careloop.summaries.repeat-after=P0D").run(context ->
        assertThat(context.getBean(SummaryProperties.class).repeatBudget().window()).isZero());
  }

  @Test
  void aNegativeOverdueLimit_stopsStartUp_namingTheKey() {
    runner.withPropertyValues("careloop.summaries.referral-overdue=-P1D").run(context ->
        assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("careloop.summaries")
            .hasMessageContaining("referralOverdue").hasMessageContaining("positive duration"));
  }

  @Test
  void noParticipantTypes_orTooManyAppointments_stopStartUp_namingTheKey() {
    runner.withPropertyValues("careloop.summaries.participant-types=").run(context ->
        assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("participantTypes"));
    runner.withPropertyValues("careloop.summaries.max-next-appointments=50").run(context ->
        assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("maxNextAppointments"));
  }
}
