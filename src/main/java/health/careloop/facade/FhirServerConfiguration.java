package health.careloop.facade;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.IResourceProvider;
import health.careloop.intake.HookAuthenticationInterceptor;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mounts the FHIR server at {@code /fhir/*} with every resource provider and every
 * {@link FhirPlainProvider} in the context.
 */
@Configuration(proxyBeanMethods = false)
class FhirServerConfiguration {

  @Bean
  ServletRegistrationBean<CareLoopFhirServer> fhirServlet(FhirContext fhirContext,
      List<IResourceProvider> providers, ObjectProvider<FhirPlainProvider> plainProviders,
      HookAuthenticationInterceptor hookAuthentication, SearchSyntaxInterceptor searchSyntax) {
    var registration = new ServletRegistrationBean<>(new CareLoopFhirServer(fhirContext, providers,
        plainProviders.orderedStream().toList(), List.of(hookAuthentication, searchSyntax)), "/fhir/*");
    registration.setName("fhir");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
