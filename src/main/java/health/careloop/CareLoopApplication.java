package health.careloop;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.mustache.MustacheAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * CareLoop: FHIR Subscriptions from the EHR in, Communications back into the EHR out.
 *
 * <p>The packages to scan are named, not implied: test code (the sandbox EHR, the demo) lives in
 * other packages under {@code health.careloop} and must never become part of CareLoop's context.
 */
@SpringBootApplication(
    // jmustache renders CareLoop's message templates; it is not a web view technology here.
    exclude = MustacheAutoConfiguration.class,
    scanBasePackages = {
    "health.careloop.access", "health.careloop.audit", "health.careloop.compose", "health.careloop.config",
    "health.careloop.database", "health.careloop.ehr", "health.careloop.ehrlink",
    "health.careloop.facade",
    "health.careloop.family", "health.careloop.followup",
    "health.careloop.intake", "health.careloop.reminders", "health.careloop.rules", "health.careloop.schedule",
    "health.careloop.summaries",
    "health.careloop.writeback"})
@ConfigurationPropertiesScan
// Explicit, so that Spring Data builds plain JPA repositories even where spring-data-envers is on
// the classpath (it is, in test scope, with the sandbox EHR).
@EnableJpaRepositories(basePackages = "health.careloop")
public class CareLoopApplication {

  public static void main(String[] args) {
    SpringApplication.run(CareLoopApplication.class, args);
  }
}
