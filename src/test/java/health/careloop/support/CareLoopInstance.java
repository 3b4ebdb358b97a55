package health.careloop.support;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import health.careloop.CareLoopApplication;
import health.careloop.ehr.SubscriptionRegistrar;
import health.careloop.sandbox.SandboxClasspath;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.PlannedMessageQuery;
import health.careloop.schedule.PlannedMessageSearch;
import health.careloop.schedule.PlannedMessageView;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real CareLoop (its whole Spring context, on a random port) for integration tests, pointed at
 * an EHR, on a {@link TestDatabase}, with a {@link MutableClock}. Can be stopped and started again
 * on the same database, as a crash or a deployment would.
 *
 * <p>An end-to-end test class declares it once and JUnit starts and stops it around the class:
 * <pre>
 * &#64;RegisterExtension
 * static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of(...));
 * </pre>
 */
public final class CareLoopInstance implements AutoCloseable, BeforeAllCallback, AfterAllCallback {

  public static final String SECRET = "test-subscription-secret-0123456789";
  /** The tests' own installation secret for the keys of Patient.contact entries. */
  public static final String CONTACT_KEY_SECRET = "test-contact-key-secret-0123456789abcdef";
  /** Nothing listens on port 9 (discard): CareLoop's EHR calls fail at once. */
  public static final String UNREACHABLE_EHR = "http://localhost:9/fhir";
  /** One client for every test's deliveries: a new one per request costs a thread pool each. */
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private String ehrBaseUrl;
  private final MutableClock clock;
  private final Map<String, Object> extraProperties;
  /** Test configuration added to CareLoop's context (e.g. {@link CommitFault}); usually none. */
  private final Class<?>[] testConfiguration;
  /** The sandbox a class-level instance waits for its Subscriptions in; null for one started directly. */
  private final SandboxEhr sandbox;
  private TestDatabase database;
  private ConfigurableApplicationContext context;

  private CareLoopInstance(String ehrBaseUrl, TestDatabase database, MutableClock clock,
      Map<String, Object> extraProperties, SandboxEhr sandbox, Class<?>... testConfiguration) {
    this.ehrBaseUrl = ehrBaseUrl;
    this.database = database;
    this.clock = clock;
    this.extraProperties = extraProperties;
    this.sandbox = sandbox;
    this.testConfiguration = testConfiguration.clone();
  }

  /**
   * A CareLoop on the sandbox EHR that JUnit starts before the class's tests (its Subscriptions
   * active in the EHR) and stops after them: register it with {@code @RegisterExtension}.
   *
   * @param testConfiguration Spring configuration added to CareLoop's context, e.g. {@link CommitFault}
   *     (it decorates a production bean to inject a fault); usually none
   */
  public static CareLoopInstance onSandbox(SandboxEhr ehr, Map<String, Object> properties,
      Class<?>... testConfiguration) {
    return new CareLoopInstance(ehr.baseUrl(), null, MutableClock.startingNow(), properties, ehr, testConfiguration);
  }

  public static CareLoopInstance onSandbox(SandboxEhr ehr) {
    return onSandbox(ehr, Map.of());
  }

  /** A class-level CareLoop whose EHR is unreachable (nothing listens there): for its HTTP edge alone. */
  public static CareLoopInstance withUnreachableEhr() {
    return withUnreachableEhr(Map.of());
  }

  /** As {@link #withUnreachableEhr()}, with these settings besides the tests' own. */
  public static CareLoopInstance withUnreachableEhr(Map<String, Object> properties) {
    return new CareLoopInstance(UNREACHABLE_EHR, null, MutableClock.startingNow(), properties, null);
  }

  @Override
  public void beforeAll(ExtensionContext extension) {
    database = TestDatabase.fresh();
    startContext();
    if (sandbox != null && !polling()) {
      awaitSubscriptionsActive(sandbox);
    }
  }

  @Override
  public void afterAll(ExtensionContext extension) {
    close();
  }

  public static CareLoopInstance start(String ehrBaseUrl, MutableClock clock, Map<String, Object> properties) {
    CareLoopInstance instance = new CareLoopInstance(ehrBaseUrl, TestDatabase.fresh(), clock, properties, null);
    instance.startContext();
    return instance;
  }

  /**
   * What every test CareLoop runs with, in this JVM or as a process of its own: the database, the
   * EHR, the tests' secrets and token issuer, and the background work that would reach into other
   * test classes' data switched off.
   */
  static Map<String, Object> testProperties(TestDatabase database, String ehrBaseUrl, int port, String endpoint) {
    Map<String, Object> properties = new HashMap<>(database.springProperties());
    properties.put("server.port", port);
    properties.put("careloop.ehr.base-url", ehrBaseUrl);
    properties.put("careloop.subscriptions.secret", SECRET);
    properties.put("careloop.contact-keys.secret", CONTACT_KEY_SECRET);
    properties.put("careloop.subscriptions.endpoint", endpoint);
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
    // The shared sandbox EHR holds every test class's appointments: a first start's backfill would
    // plan and send messages for all of them. Tests about catching up switch it on (own sandbox).
    properties.put("careloop.catch-up.enabled", "false");
    // Likewise the referral sweep: it would write Tasks for other test classes' referrals whenever a
    // test moves the clock days ahead. Tests about referrals switch it on.
    properties.put("careloop.referrals.enabled", "false");
    // Likewise the clinicians' daily digest: every test moving the clock past 07:00 on a weekday would
    // write digests of other test classes' appointments. Tests about the digest switch it on.
    properties.put("careloop.summaries.digest.enabled", "false");
    // Likewise the Subscriptions' supervision: every test moving the clock hours ahead would have it
    // count the shared EHR's changes, judge the silence and ask for catch-ups. Tests about it set it.
    properties.put("careloop.subscriptions.check-every", "P3650D");
    // The façade trusts the tests' own issuer; its helpers below present a token with every scope.
    properties.putAll(TestTokens.careLoopProperties());
    return properties;
  }

  private void startContext() {
    Map<String, Object> properties = testProperties(database, ehrBaseUrl, 0, "");
    properties.putAll(extraProperties);
    // As command-line arguments: they win over config/application.yaml, as a deployment's would.
    String[] args = properties.entrySet().stream()
        .map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    context = new SpringApplicationBuilder(CareLoopApplication.class)
        .sources(testConfiguration)
        .initializers(ctx -> ctx.getBeanFactory().registerSingleton("clock", (Clock) clock))
        .run(args);
    // The profile validator warms up in the background once CareLoop's Subscriptions are registered
    // (at once while polling; 10 s after ready at the latest; once per JVM): a test starts after it,
    // so that its waits time CareLoop's work, not the validator's loading.
    context.getBean(health.careloop.writeback.ProfileCheck.class).awaitWarm(Duration.ofMinutes(3));
  }

  /** True if this CareLoop polls its EHR ({@code careloop.ehr.notifications: polling}): no Subscription to wait for. */
  private boolean polling() {
    return "polling".equals(String.valueOf(extraProperties.get("careloop.ehr.notifications")));
  }

  /** Stops CareLoop (as a shutdown would) and starts it again on the same database. */
  public void restart() {
    context.close();
    startContext();
  }

  /**
   * Stops CareLoop and starts it again on the same database against another EHR, as after the
   * EHR's test environment was reset or restored from a backup; returns once its Subscriptions are
   * active there.
   */
  public void restartAgainst(SandboxEhr ehr) {
    context.close();
    ehrBaseUrl = ehr.baseUrl();
    startContext();
    awaitSubscriptionsActive(ehr);
  }

  /** Stops CareLoop (as a shutdown or a crash would), keeping its database, until {@link #startAgain}. */
  public void stop() {
    context.close();
  }

  /**
   * Starts CareLoop again on the same database; returns once its Subscriptions are active (at
   * once, if it polls the EHR).
   */
  public void startAgain() {
    startContext();
    if (sandbox != null && !polling()) {
      awaitSubscriptionsActive(sandbox);
    }
  }

  /** Delivers one version of a resource to CareLoop's hook exactly as HAPI's rest-hook does. */
  public HttpResponse<String> deliver(Resource version) throws IOException, InterruptedException {
    String body = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(version);
    HttpRequest request = HttpRequest.newBuilder(URI.create(
            hookBaseUrl() + "/" + version.fhirType() + "/" + version.getIdElement().getIdPart()))
        .header("Content-Type", "application/fhir+json")
        .header("Authorization", "Bearer " + SECRET)
        .header("If-Match", "W/\"" + version.getMeta().getVersionId() + "\"")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * GETs {@code path} on CareLoop's management port (started with {@code management.server.port=0})
   * and returns the body, which must come with 200 (health's WARNING does too).
   */
  public String management(String path) {
    String port = bean(Environment.class).getProperty("local.management.port");
    try {
      HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
      }
      return response.body();
    } catch (IOException e) {
      throw new IllegalStateException(path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(path, e);
    }
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

  /** The integrators' FHIR base (the façade). */
  public String fhirBaseUrl() {
    return "http://localhost:" + port() + "/fhir";
  }

  /** Where the EHR's notifications arrive, and CareLoop's Subscriptions deliver to. */
  public String hookBaseUrl() {
    return "http://localhost:" + port() + "/hook";
  }

  /** What CareLoop has planned for an appointment, of one message kind (e.g. {@code appointment-reminder}). */
  public List<PlannedMessageView> planned(String appointmentId, String kind) {
    return planned(appointmentId).stream().filter(m -> m.kind().equals(kind)).toList();
  }

  /** Everything CareLoop has planned for an appointment, whatever became of it, by due time. */
  public List<PlannedMessageView> planned(String appointmentId) {
    PlannedMessageQuery.Page page = bean(PlannedMessageQuery.class)
        .search(PlannedMessageSearch.all().withAppointmentIn(Set.of(appointmentId)), 0, 1000);
    if (page.total() > page.messages().size()) {
      throw new IllegalStateException("More planned messages for Appointment/" + appointmentId + " than a test reads");
    }
    return page.messages();
  }

  public MutableClock clock() {
    return clock;
  }

  /** Moves CareLoop's time and lets the scheduler run whatever became due. */
  public void advanceClock(Duration duration) {
    clock.advance(duration);
    bean(DeferredWork.class).runDueWork();
  }

  /**
   * Moves CareLoop's time to {@code instant} and waits until the scheduler has run everything due
   * by then: what a test asserts next is the outcome, not a race with it.
   */
  public void advanceClockTo(Instant instant) {
    advanceClock(Duration.between(clock.instant(), instant));
    Await.until("no due work left", Duration.ofSeconds(90), () -> bean(JdbcTemplate.class).queryForObject(
        "select (select count(*) from scheduled_tasks where execution_time <= ?)"
            + " + (select count(*) from intake_scheduled_tasks where execution_time <= ?)", Integer.class,
        Timestamp.from(clock.instant()), Timestamp.from(clock.instant())) == 0);
  }

  /** Waits until CareLoop's two Subscriptions are in the EHR, active and delivering to this instance. */
  public void awaitSubscriptionsActive(SandboxEhr ehr) {
    Await.until("CareLoop's Subscriptions are registered in the EHR", Duration.ofSeconds(60),
        () -> bean(SubscriptionRegistrar.class).registered());
    Await.until("CareLoop's Subscriptions are active and deliver to " + hookBaseUrl(), Duration.ofSeconds(60), () -> {
      List<Subscription> ours = ehr.subscriptionsDeliveringTo(hookBaseUrl());
      return ours.size() == 2 && ours.stream().allMatch(sub -> sub.getStatus() == Subscription.SubscriptionStatus.ACTIVE);
    });
  }

  /**
   * A FHIR client for {@code baseUrl}; for this instance's façade ({@link #fhirBaseUrl()}) it
   * presents a token with every scope ({@link #facadeAuthorization()}).
   */
  public IGenericClient clientFor(String baseUrl) {
    IGenericClient client = FhirContext.forR4Cached().newRestfulGenericClient(baseUrl);
    if (baseUrl.startsWith(fhirBaseUrl())) {
      client.registerInterceptor(new BearerTokenAuthInterceptor(TestTokens.allScopes()));
    }
    return client;
  }

  /** The {@code Authorization} header value for a call to the façade: a token with every scope. */
  public String facadeAuthorization() {
    return "Bearer " + TestTokens.allScopes();
  }

  /** A request to the façade ({@code path} after {@code /fhir}) with {@link #facadeAuthorization()}. */
  public HttpRequest.Builder facadeRequest(String path) {
    return HttpRequest.newBuilder(URI.create(fhirBaseUrl() + path)).header("Authorization", facadeAuthorization());
  }
}
