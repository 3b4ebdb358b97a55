package health.careloop.sandbox;

import ca.uhn.fhir.jpa.topic.ISubscriptionTopicLoader;
import ca.uhn.fhir.jpa.topic.R4SubscriptionTopicBuilder;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import org.hl7.fhir.r4.model.Basic;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Subscription;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.subscription.channel.impl.LinkedBlockingChannelFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.RestfulServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.messaging.support.ExecutorSubscribableChannel;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The sandbox EHR: a real HAPI FHIR JPA server (R4, H2 in memory, rest-hook Subscriptions) running
 * in this JVM as its own Spring application, reached over HTTP like a real EHR (docs/sandbox-ehr.md).
 *
 * <p>Each instance is a separate {@code SpringApplication} (never a child of another context) with
 * no Spring Boot auto-configuration, its own uniquely named in-memory H2 database and its own port.
 * Its settings are passed programmatically as the application's default properties and the
 * application reads no {@code application.yaml}/{@code .properties} from the classpath, so nothing
 * leaks into or out of other Spring contexts in the same JVM. The exception is logging, which is
 * global to the JVM: the sandbox sets the HAPI FHIR, Hibernate, Quartz and HL7 core loggers to WARN
 * (a context started later can set them back), and like any Spring Boot application it initializes
 * Boot's logging system if it is the first one in the JVM.
 *
 * <p>Cost: about 20-25 s for the first start in a JVM on 2 idle cores (measured here; 40-50 s when
 * the cores are busy), 5-7 s for another one in a warm JVM, about 180 MB of heap. Tests use
 * {@link #shared()}.
 */
public final class SandboxEhr implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SandboxEhr.class);
  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static SandboxEhr shared;
  private static SandboxEhr sharedWithTopics;
  /** The topic of every Appointment create or update in a {@link #startWithTopics()} sandbox. */
  public static final String APPOINTMENT_TOPIC = "https://careloop.health/fhir/SubscriptionTopic/appointment-changed";
  /** The topic of every Encounter create or update in a {@link #startWithTopics()} sandbox. */
  public static final String ENCOUNTER_TOPIC = "https://careloop.health/fhir/SubscriptionTopic/encounter-changed";
  private static RuntimeException sharedFailure;

  private final ConfigurableApplicationContext context;
  private final String dbUrl;
  private final int port;
  private final String baseUrl;
  private final IGenericClient client;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final WithheldPatients withheldPatients = new WithheldPatients();

  private SandboxEhr(ConfigurableApplicationContext context, String dbUrl, int port) {
    this.context = context;
    this.dbUrl = dbUrl;
    this.port = port;
    this.baseUrl = "http://localhost:" + port + "/fhir";
    this.client = FhirContext.forR4Cached().newRestfulGenericClient(baseUrl);
    context.getBean(RestfulServer.class).registerInterceptor(withheldPatients);
  }

  /** Ends a {@link #withholdPatient}. */
  public interface Withholding extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Until the answer is closed, the sandbox answers reads of {@code Patient/{id}} with 404 Not Found
   * although it holds the Patient. That is what CareLoop sees from an EHR whose Patients and
   * Appointments reach the server it reads from separately, when an Appointment has arrived there
   * and its Patient has not yet. The sandbox itself enforces referential integrity (an Appointment
   * can only name a Patient it holds, and a Patient an Appointment names cannot be deleted), so
   * holding the Patient back at the read is the only way to show CareLoop that order of arrival.
   */
  public Withholding withholdPatient(String id) {
    withheldPatients.withhold(id);
    return () -> withheldPatients.release(id);
  }

  /**
   * Registers a HAPI server interceptor on the sandbox (e.g. one that answers some requests with an
   * error, as a real EHR sometimes does) until the answer is closed. The sandbox is shared: an
   * interceptor must touch only its own test's requests.
   */
  public Withholding intercept(Object interceptor) {
    RestfulServer server = context.getBean(RestfulServer.class);
    server.registerInterceptor(interceptor);
    return () -> server.unregisterInterceptor(interceptor);
  }

  /**
   * Starts a new sandbox: its own SpringApplication (not a child context of anything), its own
   * uniquely-named in-memory H2 DB, on the given port (0 = random; read the real one back with
   * {@link #port()}). Returns once the server has answered a first {@code GET /metadata}.
   *
   * @param fastDelivery {@code true} (tests): a {@code @Primary}
   *     {@code SynchronousSubscriptionMatcherInterceptor} and
   *     {@code setSubscriptionChangeQueuedImmediately(true)}, delivery about 20-125 ms after the write;
   *     {@code false} (demo): the queued path flushed every 500 ms, delivery about 0.3-0.5 s after.
   */
  public static SandboxEhr start(int port, boolean fastDelivery) {
    return start(port, fastDelivery, false);
  }

  /**
   * A sandbox that also notifies topic-based Subscriptions (the R4 Subscriptions Backport IG), with
   * fast delivery, on a random port. It holds two topics, {@link #APPOINTMENT_TOPIC} and
   * {@link #ENCOUNTER_TOPIC} (every create or update of the type), in effect when this returns: HAPI
   * reads its topics into a cache refreshed every 60 s, and a change made before a new topic is in
   * that cache is never notified, so the cache is refreshed here at once.
   */
  public static SandboxEhr startWithTopics() {
    SandboxEhr ehr = start(0, true, true);
    try {
      ehr.createTopic(APPOINTMENT_TOPIC, "Appointment");
      ehr.createTopic(ENCOUNTER_TOPIC, "Encounter");
      ehr.context.getBean(ISubscriptionTopicLoader.class).forceRefresh();
    } catch (RuntimeException e) {
      ehr.close();
      throw e;
    }
    return ehr;
  }

  /** One {@link #startWithTopics()} sandbox per JVM, closed by a JVM shutdown hook. */
  public static synchronized SandboxEhr sharedWithTopics() {
    if (sharedWithTopics == null) {
      sharedWithTopics = startWithTopics();
      Runtime.getRuntime().addShutdownHook(new Thread(sharedWithTopics::close, "careloop-sandbox-ehr-topics-shutdown"));
    }
    return sharedWithTopics;
  }

  /** HAPI's way of holding a topic in R4: a {@code Basic} resource with its cross-version extensions. */
  private void createTopic(String url, String resourceType) {
    Basic topic = new R4SubscriptionTopicBuilder()
        .setUrl(url).setName(resourceType + " changed").setStatus(Enumerations.PublicationStatus.ACTIVE)
        .addResourceTrigger().setResourceTriggerResource(resourceType)
        .addResourceTriggerSupportedInteraction("create").addResourceTriggerSupportedInteraction("update")
        .build();
    client.create().resource(topic).execute();
  }

  private static SandboxEhr start(int port, boolean fastDelivery, boolean topics) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    String dbName = "careloop-sandbox-" + SEQUENCE.incrementAndGet() + "-"
        + UUID.randomUUID().toString().substring(0, 8);
    // DB_CLOSE_DELAY=-1 keeps the database while the pool has no connection open; close() drops it.
    String dbUrl = "jdbc:h2:mem:" + dbName + ";DB_CLOSE_DELAY=-1";

    long startNanos = System.nanoTime();
    ConfigurableApplicationContext context;
    try {
      context = new SpringApplicationBuilder(SandboxEhrConfig.class)
          .web(WebApplicationType.SERVLET)
          .bannerMode(Banner.Mode.OFF)
          .logStartupInfo(false)
          .properties(properties(port, dbUrl, fastDelivery, topics))
          .run();
    } catch (RuntimeException e) {
      dropDatabase(dbUrl);
      throw e;
    }
    int actualPort = ((WebServerApplicationContext) context).getWebServer().getPort();
    SandboxEhr ehr = new SandboxEhr(context, dbUrl, actualPort);
    try {
      awaitMetadata(ehr.baseUrl());
    } catch (RuntimeException e) {
      ehr.close();
      throw e;
    }
    Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
    log.info("Sandbox EHR {} up at {} in {} ms (fastDelivery={})",
        dbName, ehr.baseUrl(), took.toMillis(), fastDelivery);
    return ehr;
  }

  /**
   * One sandbox per JVM, with fast delivery, started on first call on a random port and closed by a
   * JVM shutdown hook. Shared by all test classes: create what you need, don't assume it is empty,
   * and delete the Subscriptions you create.
   */
  public static synchronized SandboxEhr shared() {
    if (sharedFailure != null) {
      // Don't make every test class of the run pay another failing 20 s start.
      throw new IllegalStateException("The shared sandbox EHR failed to start earlier in this JVM",
          sharedFailure);
    }
    if (shared == null) {
      try {
        shared = start(0, true);
      } catch (RuntimeException e) {
        sharedFailure = e;
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "careloop-sandbox-ehr-shutdown"));
    }
    return shared;
  }

  /** The FHIR base URL, e.g. {@code http://localhost:PORT/fhir}. */
  public String baseUrl() {
    return baseUrl;
  }

  /** The port the sandbox actually listens on. */
  public int port() {
    return port;
  }

  /** A HAPI R4 generic client on {@link #baseUrl()} (thread-safe, from {@code FhirContext.forR4Cached()}). */
  public IGenericClient client() {
    return client;
  }

  /**
   * The Subscriptions that deliver to {@code endpoint}, read past HAPI's search cache. A test or
   * the demo waits for them to be active before it makes changes it wants to be notified of.
   */
  public List<Subscription> subscriptionsDeliveringTo(String endpoint) {
    return client.search().forResource(Subscription.class)
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute().getEntry().stream()
        .map(e -> (Subscription) e.getResource())
        .filter(sub -> endpoint.equals(sub.getChannel().getEndpoint()))
        .toList();
  }

  /** Stops the server and drops its database. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<ThreadPoolTaskExecutor> channelExecutors = channelExecutors();
    try {
      context.close();
    } finally {
      channelExecutors.forEach(ThreadPoolTaskExecutor::shutdown);
      dropDatabase(dbUrl);
    }
  }

  @Override
  public String toString() {
    return "SandboxEhr[" + baseUrl + "]";
  }

  /**
   * Readiness check and warm-up. The server's first {@code GET /metadata} builds the capability
   * statement: 3-7 s here, more than 10 s when the cores are busy, which is longer than the HAPI
   * client's default 10 s socket timeout (the client's first request fetches /metadata). So the
   * first one is made here, with a generous timeout, before anyone's client gets there.
   */
  private static void awaitMetadata(String baseUrl) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/metadata"))
        .header("Accept", "application/fhir+json")
        .timeout(Duration.ofMinutes(3))
        .GET()
        .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(
            "Sandbox EHR answered " + response.statusCode() + " to GET " + request.uri());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Sandbox EHR did not answer GET " + request.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted waiting for the sandbox EHR", e);
    }
  }

  /**
   * The executors of HAPI's in-memory subscription channels (matching, one per delivery). HAPI 8.8.0
   * never shuts them down (the context's close leaves them; {@code LinkedBlockingChannelFactory.stop()}
   * only clears its map), and their idle non-daemon threads would outlive the sandbox by 60 s. Best
   * effort through a private field: if HAPI renames it, the threads just time out as before.
   */
  private List<ThreadPoolTaskExecutor> channelExecutors() {
    List<ThreadPoolTaskExecutor> executors = new ArrayList<>();
    try {
      Field channels = LinkedBlockingChannelFactory.class.getDeclaredField("myChannels");
      channels.setAccessible(true);
      for (LinkedBlockingChannelFactory factory :
          context.getBeansOfType(LinkedBlockingChannelFactory.class).values()) {
        for (Object channel : ((Map<?, ?>) channels.get(factory)).values()) {
          if (channel instanceof ExecutorSubscribableChannel c
              && c.getExecutor() instanceof ThreadPoolTaskExecutor executor) {
            executors.add(executor);
          }
        }
      }
    } catch (ReflectiveOperationException | RuntimeException e) {
      log.debug("Cannot reach HAPI's subscription channel executors; their threads idle out in 60 s", e);
    }
    return executors;
  }

  private static void dropDatabase(String dbUrl) {
    try (Connection connection = DriverManager.getConnection(dbUrl, "sa", "");
        Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      log.warn("Could not drop the sandbox database {}: {}", dbUrl, e.toString());
    }
  }

  private static Map<String, Object> properties(int port, String dbUrl, boolean fastDelivery, boolean topics) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(SandboxEhrConfig.PROP_TOPICS, topics);
    p.put(SandboxEhrConfig.PROP_PORT, port);
    p.put(SandboxEhrConfig.PROP_DB_URL, dbUrl);
    p.put(SandboxEhrConfig.PROP_FAST_DELIVERY, fastDelivery);
    // Read no application.yaml/.properties (CareLoop's or anyone's): an optional location that
    // does not exist, under a name nobody else uses.
    p.put("spring.config.name", "careloop-sandbox");
    p.put("spring.config.location", "optional:classpath:/sandbox/no-such-config/");
    // HAPI FHIR's configuration classes reference each other (docs/sandbox-ehr.md).
    p.put("spring.main.allow-circular-references", "true");
    p.put("spring.jmx.enabled", "false");
    // Quiet: these loggers are JVM-global; only libraries CareLoop doesn't own the logging of.
    p.put("logging.level.ca.uhn.fhir", "WARN");
    p.put("logging.level.org.hibernate", "WARN");
    p.put("logging.level.org.quartz", "WARN");
    p.put("logging.level.org.hl7.fhir", "WARN");
    // "Bean 'ca.uhn.fhir.jpa.config.BeanPostProcessorConfig' ... is not eligible for getting
    // processed by all BeanPostProcessors": HAPI's configuration, harmless, logged at every start.
    p.put("logging.level.[org.springframework.context.support.PostProcessorRegistrationDelegate$BeanPostProcessorChecker]",
        "ERROR");
    return p;
  }
}
