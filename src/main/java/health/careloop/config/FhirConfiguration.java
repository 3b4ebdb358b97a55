package health.careloop.config;

import ca.uhn.fhir.context.FhirContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The FHIR R4 context is expensive to build and thread-safe: one per service. */
@Configuration(proxyBeanMethods = false)
public class FhirConfiguration {

  @Bean
  FhirContext fhirContext() {
    return FhirContext.forR4Cached();
  }
}
