package health.careloop.intake.internal;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.ehr.SubscriptionProperties;
import health.careloop.intake.HookAuthenticationInterceptor;
import java.util.List;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Mounts the {@link HookServer} at {@code /hook/*} with the notification providers alone. */
@Configuration(proxyBeanMethods = false)
class HookServerConfiguration {

  @Bean
  ServletRegistrationBean<HookServer> hookServlet(FhirContext fhirContext,
      AppointmentNotificationProvider appointments, EncounterNotificationProvider encounters,
      HookAuthenticationInterceptor authentication) {
    var registration = new ServletRegistrationBean<>(
        new HookServer(fhirContext, List.of(appointments, encounters), authentication),
        SubscriptionProperties.HOOK_PATH + "/*");
    registration.setName("hook");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
