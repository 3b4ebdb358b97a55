package health.careloop.intake.internal;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.config.UnexpectedFailureInterceptor;
import health.careloop.database.DatabaseAwayInterceptor;
import health.careloop.ehr.SubscriptionProperties;
import health.careloop.intake.HookAuthenticationInterceptor;
import health.careloop.intake.HookProperties;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.boot.web.servlet.filter.OrderedFormContentFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.HttpFirewall;

/**
 * Mounts the {@link HookServer} at {@code /hook/*} with the notification providers alone, the
 * secret checked first, then the request's headers ({@link HookRequestChecks}), then a notification
 * without a body taken ({@link IdOnlyNotificationInterceptor}), then a topic-based notification Bundle
 * posted to the base ({@link TopicNotificationInterceptor}); a body is checked as it is read
 * ({@link HookBodyFilter}), all on the hook's own way through the web server ({@link HookLane}).
 * A notification that finds the database away is answered 503 ({@link DatabaseAwayInterceptor}).
 */
@Configuration(proxyBeanMethods = false)
class HookServerConfiguration {

  @Bean
  ServletRegistrationBean<HookServer> hookServlet(FhirContext fhirContext,
      AppointmentNotificationProvider appointments, EncounterNotificationProvider encounters,
      HookAuthenticationInterceptor authentication, HookProperties limits, IdOnlyNotifications idOnly,
      TopicNotifications topicNotifications) {
    var registration = new ServletRegistrationBean<>(
        new HookServer(notificationContext(), List.of(appointments, encounters),
            List.of(authentication, new HookRequestChecks(limits.maxBodySize().toBytes()),
                new IdOnlyNotificationInterceptor(idOnly, fhirContext),
                new TopicNotificationInterceptor(topicNotifications, fhirContext),
                DatabaseAwayInterceptor.forNotifications(), UnexpectedFailureInterceptor.forNotifications())),
        SubscriptionProperties.HOOK_PATH + "/*");
    registration.setName("hook");
    registration.setLoadOnStartup(1);
    return registration;
  }

  /**
   * A FHIR context of the hook's own, whose parser refuses what CareLoop's other parsing tolerates
   * ({@link NotificationParseErrors}): what the EHR's responses to CareLoop's reads hold is read as
   * leniently as before.
   */
  private static FhirContext notificationContext() {
    FhirContext context = FhirContext.forR4();
    context.setParserErrorHandler(new NotificationParseErrors());
    return context;
  }

  /**
   * The hook's own way through the web server ({@link HookLane}): after the request's observation,
   * before every filter Spring Boot and Spring Security register (form parsing is the first of them).
   */
  @Bean
  FilterRegistrationBean<HookLane> hookLane(ServletRegistrationBean<HookServer> hookServlet, HttpFirewall firewall,
      HookInFlight inFlight, HookProperties limits, FhirContext fhirContext) {
    var registration = new FilterRegistrationBean<>(new HookLane(hookServlet.getServlet(), firewall, inFlight.filter(),
        new HookBodyFilter(limits.maxBodySize().toBytes()), fhirContext));
    // The servlet's own URL mappings, not its name: the servlet specification chains every filter
    // mapped by URL before any mapped by servlet name, whatever their order, which would put Spring
    // Security's chains back in front.
    registration.setUrlPatterns(hookServlet.getUrlMappings());
    registration.setName("hookLane");
    registration.setOrder(OrderedFormContentFilter.DEFAULT_ORDER - 1);
    return registration;
  }
}
