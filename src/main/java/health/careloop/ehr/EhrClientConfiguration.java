package health.careloop.ehr;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BasicAuthInterceptor;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** The one FHIR client CareLoop uses towards the EHR, and how it authenticates ({@link EhrAuthProperties}). */
@Configuration(proxyBeanMethods = false)
class EhrClientConfiguration {

  @Bean
  IGenericClient ehrClient(FhirContext fhirContext, EhrProperties properties, EhrAuthProperties auth,
      ObjectProvider<SmartBackendServicesTokens> smartTokens) {
    IRestfulClientFactory factory = fhirContext.getRestfulClientFactory();
    // The EHR's CapabilityStatement is not fetched before every first call: start-up must not
    // depend on it, and a missing capability shows up as a clear error on the call itself.
    factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    factory.setConnectTimeout((int) properties.connectTimeout().toMillis());
    factory.setSocketTimeout((int) properties.readTimeout().toMillis());
    IGenericClient client = factory.newGenericClient(properties.baseUrl().toString());
    switch (auth.effectiveType(properties.bearerToken())) {
      case BEARER -> client.registerInterceptor(new BearerTokenAuthInterceptor(properties.bearerToken()));
      case BASIC -> client.registerInterceptor(new BasicAuthInterceptor(auth.username(), auth.password()));
      case SMART_BACKEND_SERVICES ->
          client.registerInterceptor(new SmartBackendServicesInterceptor(smartTokens.getObject()));
      case NONE -> { }
    }
    client.registerInterceptor(new RetryAfterInterceptor());
    return client;
  }

  /** SMART Backend Services: keys read at start-up (a bad key file stops it), tokens at the first call. */
  @Configuration(proxyBeanMethods = false)
  @Conditional(SmartBackendServicesChosen.class)
  static class SmartBackendServices {

    @Bean
    EhrSigningKeys ehrSigningKeys(EhrAuthProperties auth) {
      return EhrSigningKeys.load(auth.keyFile(), auth.kid(), auth.alg());
    }

    @Bean
    SmartBackendServicesTokens smartBackendServicesTokens(EhrAuthProperties auth, EhrSigningKeys keys,
        EhrProperties ehr) {
      return new SmartBackendServicesTokens(auth, keys, ehr);
    }

    /** CareLoop's public keys for the EHR's authorization server ({@code jwks_url} at registration). */
    @Bean
    ServletRegistrationBean<PublicKeySetServlet> publicKeySet(EhrSigningKeys keys) {
      var registration = new ServletRegistrationBean<>(new PublicKeySetServlet(keys.publicKeys()),
          PublicKeySetServlet.PATH);
      registration.setName("ehrPublicKeySet");
      return registration;
    }
  }

  /**
   * {@code careloop.ehr.auth.type} is {@code smart-backend-services}, however it is spelled
   * ({@code SMART_BACKEND_SERVICES} from an environment variable too): bound as the properties are.
   * A value that is no type at all is left to the properties' binding, which refuses it naming the key.
   */
  static class SmartBackendServicesChosen implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      try {
        return Binder.get(context.getEnvironment()).bind("careloop.ehr.auth.type", EhrAuthProperties.Type.class)
            .map(type -> type == EhrAuthProperties.Type.SMART_BACKEND_SERVICES).orElse(false);
      } catch (RuntimeException notAType) {
        return false;
      }
    }
  }
}
