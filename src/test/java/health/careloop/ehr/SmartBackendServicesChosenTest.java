package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** SMART Backend Services' beans exist for the type however it is written, and only for it. */
class SmartBackendServicesChosenTest {

  @Configuration(proxyBeanMethods = false)
  @Conditional(EhrClientConfiguration.SmartBackendServicesChosen.class)
  static class Probe {
    @Bean
    String smartProbe() {
      return "chosen";
    }
  }

  private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Probe.class);

  @Test
  void theTypeInAnySpelling_asPropertiesBindIt() {
    for (String spelling : new String[] {"smart-backend-services", "SMART_BACKEND_SERVICES", "smartBackendServices"}) {
      runner.withPropertyValues("careloop.ehr.auth.type=" + spelling)
          .run(context -> assertThat(context).as(spelling).hasBean("smartProbe"));
    }
  }

  @Test
  void anotherType_noType_orNoTypeAtAll_isNotIt() {
    runner.withPropertyValues("careloop.ehr.auth.type=bearer").run(context -> assertThat(context).doesNotHaveBean("smartProbe"));
    runner.run(context -> assertThat(context).doesNotHaveBean("smartProbe"));
    runner.withPropertyValues("careloop.ehr.auth.type=oauth").run(context -> assertThat(context).doesNotHaveBean("smartProbe"));
  }
}
