package health.careloop.ehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The one FHIR client CareLoop uses towards the EHR. */
@Configuration(proxyBeanMethods = false)
class EhrClientConfiguration {

  @Bean
  IGenericClient ehrClient(FhirContext fhirContext, EhrProperties properties) {
    IRestfulClientFactory factory = fhirContext.getRestfulClientFactory();
    // The EHR's CapabilityStatement is not fetched before every first call: start-up must not
    // depend on it, and a missing capability shows up as a clear error on the call itself.
    factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    factory.setConnectTimeout((int) properties.connectTimeout().toMillis());
    factory.setSocketTimeout((int) properties.readTimeout().toMillis());
    IGenericClient client = factory.newGenericClient(properties.baseUrl().toString());
    if (properties.bearerToken() != null && !properties.bearerToken().isBlank()) {
      client.registerInterceptor(new BearerTokenAuthInterceptor(properties.bearerToken()));
    }
    client.registerInterceptor(new RetryAfterInterceptor());
    return client;
  }
}
