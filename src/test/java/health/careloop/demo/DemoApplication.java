package health.careloop.demo;

import health.careloop.CareLoopApplication;
import health.careloop.sandbox.DemoData;
import health.careloop.sandbox.SandboxClasspath;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.TestAuthorizationServer;
import org.hl7.fhir.r4.model.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo, run by {@code ./mvnw spring-boot:test-run}: a sandbox EHR (a real HAPI FHIR JPA
 * server) on port 8090, an OAuth 2.0 authorization server for integrators' tokens on port 9000
 * (client {@code careloop-demo}), CareLoop on port 8080 with the {@code demo} profile, then demo patients and
 * appointments created in the EHR. The first reminders appear in the EHR within about a minute.
 *
 * <p>{@code @SpringBootApplication} only marks this as the main class spring-boot:test-run looks
 * for; this class is never a Spring application itself.
 */
@SpringBootApplication
public class DemoApplication {

  static final int EHR_PORT = 8090;
  /** The demo's authorization server (Spring Authorization Server), where integrators get tokens. */
  static final int AUTHORIZATION_SERVER_PORT = 9000;
  /** The demo integrator: client_credentials with these credentials (README, "The façade for integrators"). */
  static final TestAuthorizationServer.Client DEMO_CLIENT = new TestAuthorizationServer.Client("careloop-demo",
      "careloop-demo-secret", List.of("system/CommunicationRequest.rs", "system/Task.rs", "careloop/preview",
          // The demo's one client may do everything the façade offers, so a newcomer can try it all:
          // catch up, replay, and read the audit trail as its auditor.
          "careloop/sync", "careloop/replay", "system/AuditEvent.rs"),
      "careloop", null, null, null);
  private static final Logger log = LoggerFactory.getLogger(DemoApplication.class);

  public static void main(String[] args) {
    SandboxEhr ehr = SandboxEhr.start(EHR_PORT, false);
    TestAuthorizationServer authorizationServer = TestAuthorizationServer.start(AUTHORIZATION_SERVER_PORT,
        List.of(DEMO_CLIENT));
    List<String> careLoopArgs = new ArrayList<>(List.of(args));
    // CareLoop's /fhir trusts the demo's authorization server (a real one would be the hospital's).
    authorizationServer.careLoopProperties(DEMO_CLIENT.audience())
        .forEach((key, value) -> careLoopArgs.add("--" + key + "=" + value));
    careLoopArgs.add("--spring.profiles.active=demo");
    careLoopArgs.add("--careloop.ehr.base-url=" + ehr.baseUrl());
    SandboxClasspath.propertiesForOtherApplications().forEach((key, value) -> careLoopArgs.add("--" + key + "=" + value));
    ConfigurableApplicationContext careLoop = new SpringApplicationBuilder(CareLoopApplication.class)
        .run(careLoopArgs.toArray(String[]::new));

    // Demo data goes in once CareLoop's Subscriptions are in place, so the EHR notifies every booking.
    String careLoopBase = "http://localhost:" + careLoop.getEnvironment().getProperty("local.server.port");
    String careLoopFhir = careLoopBase + "/fhir";
    String careLoopHook = careLoopBase + "/hook";
    Await.until("CareLoop's Subscriptions are active in the sandbox EHR", Duration.ofMinutes(2), () -> {
      var subscriptions = ehr.subscriptionsDeliveringTo(careLoopHook);
      return subscriptions.size() == 2 && subscriptions.stream()
          .allMatch(s -> s.getStatus() == Subscription.SubscriptionStatus.ACTIVE);
    });
    DemoData.Loaded loaded = DemoData.load(ehr.client(), Clock.systemUTC());
    log.info("""

        ==============================================================================
         CareLoop demo is running.
           Sandbox EHR (HAPI FHIR):  {}
           CareLoop for integrators: {} (a bearer token from {}:
             client {} / {}, client_credentials; README shows the curl)
           The EHR notifies:         {}
         Loaded {} patients, {} appointments (the nearest start in a few minutes) and {} finished
         visit (its first follow-up is due about a minute from now).
         Reminders and follow-ups written back by CareLoop appear here (refresh; the first within ~1 min):
           {}/Communication?_sort=-_lastUpdated
         Stop with Ctrl+C.
        ==============================================================================
        """, ehr.baseUrl(), careLoopFhir, authorizationServer.tokenEndpoint(), DEMO_CLIENT.id(), DEMO_CLIENT.secret(),
        careLoopHook,
        loaded.patientIds().size(), loaded.appointmentIds().size(), loaded.encounterIds().size(), ehr.baseUrl());
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      careLoop.close();
      authorizationServer.close();
      ehr.close();
    }, "careloop-demo-shutdown"));
  }
}
