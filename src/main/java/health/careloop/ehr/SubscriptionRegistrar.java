package health.careloop.ehr;

import health.careloop.CareLoopFhir;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
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
 */
@Component
public class SubscriptionRegistrar {

  private static final String TAG_SYSTEM = CareLoopFhir.SUBSCRIPTION_TAG_SYSTEM;
  private static final Logger log = LoggerFactory.getLogger(SubscriptionRegistrar.class);
  private static final Duration RETRY_AFTER = Duration.ofSeconds(15);

  private final IGenericClient ehr;
  private final SubscriptionProperties properties;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "subscription-registrar");
        t.setDaemon(true);
        return t;
      });
  private final ApplicationEventPublisher events;
  private volatile boolean registered;

  SubscriptionRegistrar(IGenericClient ehr, SubscriptionProperties properties, ApplicationEventPublisher events) {
    this.ehr = ehr;
    this.properties = properties;
    this.events = events;
  }

  @EventListener
  void onReady(ApplicationReadyEvent event) {
    URI endpoint = endpoint(event);
    retries.execute(() -> registerOrRetry(endpoint));
  }

  /** True once both Subscriptions are in the EHR as CareLoop wants them. */
  public boolean registered() {
    return registered;
  }

  private void registerOrRetry(URI endpoint) {
    try {
      ensure("appointment", properties.appointmentCriteria(), endpoint);
      ensure("encounter", properties.encounterCriteria(), endpoint);
      registered = true;
      log.info("Subscriptions in the EHR deliver to {}", endpoint);
    } catch (RuntimeException e) {
      log.warn("Could not register Subscriptions in the EHR ({}); retrying in {}", e.getMessage(), RETRY_AFTER);
      retries.schedule(() -> registerOrRetry(endpoint), RETRY_AFTER.toSeconds(), TimeUnit.SECONDS);
      return;
    }
    try {
      events.publishEvent(new SubscriptionsRegistered());
    } catch (RuntimeException e) {
      // A listener's failure is its own: registration is done and is not repeated for it.
      log.warn("A listener of the Subscriptions' registration failed", e);
    }
  }

  private void ensure(String code, String criteria, URI endpoint) {
    Subscription wanted = subscription(code, criteria, endpoint);
    List<Subscription> existing = ehr.search().forResource(Subscription.class)
        .withTag(TAG_SYSTEM, code)
        // EHRs (HAPI among them) may answer a repeated search from a cache: ask for the truth.
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute()
        .getEntry().stream().map(e -> (Subscription) e.getResource()).toList();
    if (existing.isEmpty()) {
      // Conditional: if another replica created it meanwhile, the EHR hands back that one.
      MethodOutcome outcome = ehr.create().resource(wanted)
          .conditionalByUrl("Subscription?_tag=" + TAG_SYSTEM + "|" + code).execute();
      if (!Boolean.FALSE.equals(outcome.getCreated())) {
        log.info("Created Subscription {} for {}", outcome.getId().getIdPart(), criteria);
        return;
      }
      existing = List.of(ehr.read().resource(Subscription.class).withId(outcome.getId().getIdPart()).execute());
    }
    Subscription current = existing.get(0);
    if (!sameDelivery(current, wanted)) {
      wanted.setId(current.getIdElement().toUnqualifiedVersionless());
      ehr.update().resource(wanted).execute();
      log.info("Updated Subscription {} for {}", wanted.getIdElement().getIdPart(), criteria);
    }
    if (existing.size() > 1) {
      log.warn("The EHR holds {} CareLoop Subscriptions tagged {}; only {} is kept up to date",
          existing.size(), code, current.getIdElement().getIdPart());
    }
  }

  private Subscription subscription(String code, String criteria, URI endpoint) {
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
    return s;
  }

  private String authorizationHeader() {
    return "Authorization: Bearer " + properties.secret();
  }

  private static boolean sameDelivery(Subscription current, Subscription wanted) {
    boolean live = current.getStatus() == SubscriptionStatus.ACTIVE
        || current.getStatus() == SubscriptionStatus.REQUESTED;
    return live
        && wanted.getCriteria().equals(current.getCriteria())
        && wanted.getChannel().getEndpoint().equals(current.getChannel().getEndpoint())
        && wanted.getChannel().getPayload().equals(current.getChannel().getPayload())
        && headers(wanted).equals(headers(current));
  }

  private static List<String> headers(Subscription s) {
    return s.getChannel().getHeader().stream().map(StringType::getValue).toList();
  }

  private URI endpoint(ApplicationReadyEvent event) {
    return properties.hookEndpoint(((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort());
  }

  @jakarta.annotation.PreDestroy
  void stop() {
    retries.shutdownNow();
  }
}
