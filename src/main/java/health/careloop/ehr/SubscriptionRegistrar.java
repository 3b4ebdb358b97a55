package health.careloop.ehr;

import health.careloop.CareLoopFhir;
import health.careloop.config.UnreachableEndpointException;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes sure the EHR holds CareLoop's Subscriptions, once CareLoop can receive their notifications.
 *
 * <p>Each Subscription carries a CareLoop tag, found again by {@code _tag} search: a restart updates
 * the existing one (new endpoint, new secret) instead of adding a duplicate. That is also how a
 * Subscription made by an older CareLoop, delivering to {@code <public base>/fhir}, moves to
 * {@code <public base>/hook}: the same Subscription, updated in place, so the EHR keeps its id and
 * nothing about it is lost (what the EHR could not deliver meanwhile, the catch-up at start-up
 * finds). An unreachable EHR does not stop start-up: registration is retried in the background
 * until it succeeds.
 *
 * <p>What the EHR does to them afterwards (deleted, stopped after failed deliveries, switched off,
 * edited) is repaired by {@link #supervise()}, which CareLoop runs every
 * {@code careloop.subscriptions.check-every}. Start-up stops if the EHR could not reach the
 * address they deliver to ({@link NotificationEndpoint}).
 *
 * <p>In {@link NotificationMode#POLLING} none of this applies: CareLoop keeps no Subscription in an
 * EHR that cannot push (it creates none, checks and repairs none, and where they would deliver to
 * does not matter); the catch-up's search is how it hears of changes.
 */
@Component
public class SubscriptionRegistrar {

  private static final String TAG_SYSTEM = CareLoopFhir.SUBSCRIPTION_TAG_SYSTEM;
  private static final Logger log = LoggerFactory.getLogger(SubscriptionRegistrar.class);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(15);

  /** One of CareLoop's Subscriptions: its tag code, the type it notifies, its criteria. */
  private record Kept(String code, String resourceType, String criteria) {}

  private final IGenericClient ehr;
  private final SubscriptionProperties properties;
  private final List<Kept> kept;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "subscription-registrar");
        t.setDaemon(true);
        return t;
      });
  private final ApplicationEventPublisher events;
  private volatile boolean registered;
  /** Where the Subscriptions deliver; known once the web server has its port. */
  private volatile URI endpoint;
  private final boolean polling;

  SubscriptionRegistrar(IGenericClient ehr, SubscriptionProperties properties, EhrProperties ehrProperties,
      ApplicationEventPublisher events) {
    this.ehr = ehr;
    this.properties = properties;
    this.events = events;
    this.kept = List.of(new Kept("appointment", "Appointment", properties.appointmentCriteria()),
        new Kept("encounter", "Encounter", properties.encounterCriteria()));
    this.polling = ehrProperties.polling();
    if (!polling) {
      refuseAnEndpointTheEhrCannotReach(properties, ehrProperties);
    }
  }

  /**
   * Stops start-up if the EHR could not reach the hook: a loopback address (or none set, which
   * means localhost) given to an EHR on another machine loses every notification without a sound.
   * The port does not matter here, only the host.
   */
  private static void refuseAnEndpointTheEhrCannotReach(SubscriptionProperties properties, EhrProperties ehrProperties) {
    NotificationEndpoint.unreachable(properties.hookEndpoint(0), ehrProperties.baseUrl()).ifPresent(problem -> {
      throw new UnreachableEndpointException(SubscriptionProperties.ENDPOINT_KEY,
          properties.endpoint() == null
              // hookEndpoint(0): the port is not known yet, and not what is wrong.
              ? "not set, so " + problem.replace("localhost:0/", "localhost:<server.port>/")
              : problem,
          "Set " + SubscriptionProperties.ENDPOINT_KEY + " (CARELOOP_PUBLIC_FHIR_URL) to CareLoop's FHIR base as the EHR"
              + " reaches it, ending in /fhir (e.g. https://careloop.example.org/fhir); the EHR then delivers to"
              + " its sibling /hook");
    });
  }

  @EventListener
  void onReady(ApplicationReadyEvent event) {
    if (polling) {
      log.info("Polling the EHR for changes: CareLoop keeps no Subscription in it");
      return;
    }
    URI endpoint = endpoint(event);
    this.endpoint = endpoint;
    retries.execute(() -> registerOrRetry(endpoint));
  }

  /** True in {@link NotificationMode#POLLING}: CareLoop keeps no Subscription in the EHR. */
  public boolean polling() {
    return polling;
  }

  /** True once both Subscriptions are in the EHR as CareLoop wants them (never while polling). */
  public boolean registered() {
    return registered;
  }

  /** The resource types CareLoop's Subscriptions notify (or, while polling, its searches look for). */
  public List<String> resourceTypes() {
    return kept.stream().map(Kept::resourceType).toList();
  }

  /**
   * Reads each of CareLoop's Subscriptions back from the EHR and repairs what is wrong: recreated
   * if deleted, set live again after {@code error} or {@code off}, put back if someone changed its
   * endpoint, criteria or header. Ids only in the log.
   *
   * @throws IllegalStateException before CareLoop is ready (its hook's address is not known yet),
   *     or while polling (there is nothing to supervise)
   * @throws RuntimeException if the EHR cannot be reached or refuses
   */
  public List<SubscriptionCheck> supervise() {
    if (polling) {
      throw new IllegalStateException("CareLoop polls the EHR and keeps no Subscription in it");
    }
    URI current = endpoint;
    if (current == null) {
      throw new IllegalStateException("CareLoop is not ready yet: its hook's address is not known");
    }
    return kept.stream().map(k -> ensure(k, current)).toList();
  }

  /** Package-private for tests: one attempt, and the next one scheduled if it fails. */
  void registerOrRetry(URI endpoint) {
    try {
      for (Kept k : kept) {
        ensure(k, endpoint);
      }
      registered = true;
      log.info("Subscriptions in the EHR deliver to {}", endpoint);
    } catch (RuntimeException e) {
      log.warn("Could not register Subscriptions in the EHR ({}); retrying in {}", e.getMessage(), RETRY_AFTER);
      retries.schedule(() -> registerOrRetry(endpoint), RETRY_AFTER.toSeconds(), TimeUnit.SECONDS);
      publish(new SubscriptionsNotRegistered());
      return;
    }
    publish(new SubscriptionsRegistered());
  }

  private void publish(Object event) {
    try {
      events.publishEvent(event);
    } catch (RuntimeException e) {
      // A listener's failure is its own: the attempt is not repeated (or hastened) for it.
      log.warn("A listener of the Subscriptions' registration failed", e);
    }
  }

  private SubscriptionCheck ensure(Kept k, URI endpoint) {
    String code = k.code();
    Subscription wanted = subscription(code, k.resourceType(), k.criteria(), endpoint);
    List<Subscription> existing = ehr.search().forResource(Subscription.class)
        .withTag(TAG_SYSTEM, code)
        // EHRs (HAPI among them) may answer a repeated search from a cache: ask for the truth.
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute()
        .getEntry().stream().map(e -> (Subscription) e.getResource()).toList();
    SubscriptionRepair repair = SubscriptionRepair.needed(existing.stream().findFirst(), wanted);
    if (existing.isEmpty()) {
      // Conditional: if another replica created it meanwhile, the EHR hands back that one.
      MethodOutcome outcome = ehr.create().resource(wanted)
          .conditionalByUrl("Subscription?_tag=" + TAG_SYSTEM + "|" + code).execute();
      if (!Boolean.FALSE.equals(outcome.getCreated())) {
        log.info("Created Subscription {} for {} ({})", outcome.getId().getIdPart(), k.criteria(), properties.style());
        return new SubscriptionCheck(code, k.resourceType(), outcome.getId().getIdPart(), SubscriptionCheck.MISSING,
            SubscriptionRepair.RECREATED);
      }
      existing = List.of(ehr.read().resource(Subscription.class).withId(outcome.getId().getIdPart()).execute());
      repair = SubscriptionRepair.needed(Optional.of(existing.get(0)), wanted);
    }
    Subscription current = existing.get(0);
    String id = current.getIdElement().getIdPart();
    String statusFound = current.getStatus() == null ? "none" : current.getStatus().toCode();
    if (repair != SubscriptionRepair.NONE) {
      wanted.setId(current.getIdElement().toUnqualifiedVersionless());
      ehr.update().resource(wanted).execute();
      log.info("Updated Subscription {} for {} (was {}: {})", id, k.criteria(), statusFound, repair);
    }
    if (existing.size() > 1) {
      log.warn("The EHR holds {} CareLoop Subscriptions tagged {}; only {} is kept up to date",
          existing.size(), code, id);
    }
    return new SubscriptionCheck(code, k.resourceType(), id, statusFound, repair);
  }

  private Subscription subscription(String code, String resourceType, String criteria, URI endpoint) {
    Subscription s = new Subscription();
    s.getMeta().addTag(new Coding(TAG_SYSTEM, code, "CareLoop " + code + " changes"));
    s.setStatus(SubscriptionStatus.REQUESTED);
    s.setReason("CareLoop plans patient messages from " + code + " changes");
    s.setCriteria(criteria);
    s.getChannel()
        .setType(SubscriptionChannelType.RESTHOOK)
        .setEndpoint(endpoint.toString())
        .setPayload("application/fhir+json")
        .setHeader(List.of(new StringType(authorizationHeader())));
    if (properties.style() == SubscriptionStyle.TOPIC) {
      // The criteria become the topic's filter: the same changes, notified as the Backport IG says.
      BackportSubscriptions.onTopic(s, properties.topic().topicOf(resourceType), criteria, properties.topic());
    }
    return s;
  }

  private String authorizationHeader() {
    return "Authorization: Bearer " + properties.secret();
  }

  private URI endpoint(ApplicationReadyEvent event) {
    return properties.hookEndpoint(((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort());
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    retries.shutdownNow();
  }
}
