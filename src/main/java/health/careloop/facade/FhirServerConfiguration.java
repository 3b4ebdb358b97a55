package health.careloop.facade;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.access.FacadeAccessInterceptor;
import health.careloop.access.SmartCapabilities;
import health.careloop.audit.FacadeAudit;
import health.careloop.config.UnexpectedFailureInterceptor;
import health.careloop.database.DatabaseAwayInterceptor;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Mounts the integrators' FHIR server at {@code /fhir/*} with the façade's providers, named here
 * rather than every provider in the context: what this base offers is what its CapabilityStatement
 * advertises, and the EHR's notification providers belong to the hook ({@code /hook}), not here.
 * Access is decided first, by {@link FacadeAccessInterceptor} (docs/security.md); every
 * interaction, allowed or refused, is recorded by {@link FacadeAudit} before the answer leaves. A
 * request that finds the database away is answered 503 ({@link DatabaseAwayInterceptor}).
 */
@Configuration(proxyBeanMethods = false)
class FhirServerConfiguration {

  @Bean
  ServletRegistrationBean<CareLoopFhirServer> fhirServlet(FhirContext fhirContext,
      CommunicationRequestProvider communicationRequests, ReferralTaskProvider referralTasks,
      AuditEventProvider auditEvents, ObjectProvider<FhirPlainProvider> plainProviders,
      SearchSyntaxInterceptor searchSyntax, ControlCharactersInterceptor controlCharacters,
      FacadeAccessInterceptor access, SmartCapabilities smartCapabilities, FacadeAudit audit) {
    var registration = new ServletRegistrationBean<>(new CareLoopFhirServer(fhirContext,
        List.of(communicationRequests, referralTasks, auditEvents), plainProviders.orderedStream().toList(),
        List.of(access, smartCapabilities, controlCharacters, searchSyntax, audit, DatabaseAwayInterceptor.forFacade(),
            UnexpectedFailureInterceptor.forFacade())),
        "/fhir/*");
    registration.setName("fhir");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
