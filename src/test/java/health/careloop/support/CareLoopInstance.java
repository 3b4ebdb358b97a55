package health.careloop.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import com.github.kagkarlsson.scheduler.Scheduler;
import health.careloop.CareLoopApplication;
import health.careloop.ehr.SubscriptionRegistrar;
import health.careloop.sandbox.SandboxClasspath;
import health.careloop.sandbox.SandboxEhr;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.hl7.fhir.r4.model.Subscription;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A real CareLoop (its whole Spring context, on a random port) for integration tests, pointed at
 * an EHR, on a {@link TestDatabase}, with a {@link MutableClock}. Can be stopped and started again
 * on the same database, as a crash or a deployment would.
 */
public final class CareLoopInstance implements AutoCloseable {

  public static final String SECRET = "test-subscription-secret-0123456789";

  private final String ehrBaseUrl;
  private final TestDatabase database;
  private final MutableClock clock;
  private final Map<String, Object> extraProperties;
  private ConfigurableApplicationContext context;

  private CareLoopInstance(String ehrBaseUrl, TestDatabase database, MutableClock clock,
      Map<String, Object> extraProperties) {
    this.ehrBaseUrl = ehrBaseUrl;
    this.database = database;
    this.clock = clock;
    this.extraProperties = extraProperties;
  }

  public static CareLoopInstance start(String ehrBaseUrl, MutableClock clock, Map<String, Object> properties) {
    CareLoopInstance instance = new CareLoopInstance(ehrBaseUrl, TestDatabase.fresh(), clock, properties);
    instance.startContext();
    return instance;
  }

  /** A CareLoop on the sandbox EHR, its Subscriptions active there: what end-to-end tests start with. */
  public static CareLoopInstance startedOn(SandboxEhr ehr, Map<String, Object> properties) {
    CareLoopInstance instance = start(ehr.baseUrl(), MutableClock.startingNow(), properties);
    instance.awaitSubscriptionsActive(ehr);
    return instance;
  }

  public static CareLoopInstance startedOn(SandboxEhr ehr) {
    return startedOn(ehr, Map.of());
  }

  public static CareLoopInstance start(String ehrBaseUrl, MutableClock clock) {
    return start(ehrBaseUrl, clock, Map.of());
  }

  private void startContext() {
    Map<String, Object> properties = new HashMap<>(database.springProperties());
    properties.put("server.port", 0);
    properties.put("careloop.ehr.base-url", ehrBaseUrl);
    properties.put("careloop.subscriptions.secret", SECRET);
    properties.put("careloop.subscriptions.endpoint", "");
    properties.put("careloop.reminders.default-cadence[0].before", "P2D");
    properties.put("careloop.reminders.default-cadence[1].before", "PT2H");
    properties.put("careloop.reminders.cadences", "");
    // Tests that are about quiet hours switch them on; elsewhere they would make due times depend
    // on the hour the suite runs at.
    properties.put("careloop.delivery.quiet-hours.enabled", "false");
    properties.put("careloop.compose.default-time-zone", "Europe/London");
    properties.putAll(SandboxClasspath.propertiesForOtherApplications());
    properties.put("db-scheduler.polling-interval", "1s");
    properties.put("spring.main.banner-mode", "off");
    properties.putAll(extraProperties);
    // As command-line arguments: they win over config/application.yaml, as a deployment's would.
    String[] args = properties.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    context = new SpringApplicationBuilder(CareLoopApplication.class)
        .initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", (Clock) clock))
        .run(args);
  }

  /** Stops CareLoop (as a shutdown would) and starts it again on the same database. */
  public void restart() {
    context.close();
    startContext();
  }

  public void close() {
    if (context != null) {
      context.close();
    }
  }

  public <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  public int port() {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  public String fhirBaseUrl() {
    return "http://localhost:" + port() + "/fhir";
  }

  public MutableClock clock() {
    return clock;
  }

  /** Moves CareLoop's time and lets the scheduler run whatever became due. */
  public void advanceClock(Duration duration) {
    clock.advance(duration);
    bean(Scheduler.class).triggerCheckForDueExecutions();
  }

  /** Waits until CareLoop's two Subscriptions are in the EHR, active and delivering to this instance. */
  public void awaitSubscriptionsActive(SandboxEhr ehr) {
    Await.until("CareLoop's Subscriptions are registered in the EHR", Duration.ofSeconds(60),
        () -> bean(SubscriptionRegistrar.class).registered());
    Await.until("CareLoop's Subscriptions are active and deliver to " + fhirBaseUrl(), Duration.ofSeconds(60), () -> {
      List<Subscription> ours = ehr.subscriptionsDeliveringTo(fhirBaseUrl());
      return ours.size() == 2 && ours.stream().allMatch(sub -> sub.getStatus() == Subscription.SubscriptionStatus.ACTIVE);
    });
  }

  public IGenericClient clientFor(String baseUrl) {
    return FhirContext.forR4Cached().newRestfulGenericClient(baseUrl);
  }
}
