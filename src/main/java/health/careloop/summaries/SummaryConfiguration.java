package health.careloop.summaries;

import health.careloop.config.ComposeProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the summaries' entry point from configuration; dates in the text are in the deployment's time zone. */
@Configuration(proxyBeanMethods = false)
class SummaryConfiguration {

  @Bean
  ClinicianSummaries clinicianSummaries(OpenWorkSource ehrOpenWork, SummaryProperties properties,
      ComposeProperties compose, ToldItems told) {
    return new ClinicianSummaries(ehrOpenWork,
        new ClinicianSummary(compose.defaultTimeZone(), properties.maxNextAppointments(), properties.writeWhenEmpty()),
        properties.participantTypes(), properties.repeatBudget(), told);
  }
}
