package health.careloop.intake.internal;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.careloop.ehr.SubscriptionProperties;
import health.careloop.intake.internal.SubscriptionStatusNotification.Kind;
import java.time.Clock;
import java.util.OptionalLong;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A topic-based notification (Subscriptions Backport IG), taken in before the EHR is answered.
 *
 * <p>An event notification's resources go into the inbox exactly as criteria-based deliveries do
 * (same checks, same de-duplication by version); ids without content are read from the EHR as
 * {@link IdOnlyNotifications} does (gone from the EHR: deleted); no payload at all makes CareLoop
 * catch up by search now. A handshake or heartbeat is a sign of life of the topic's type for the
 * silence supervision. Then the event numbers: a gap or a counter that started again makes CareLoop
 * catch up by search at once, since the EHR will never deliver what it skipped, and is then
 * recorded. Everything is stored before the answer: a failure answers an error and the EHR sends
 * the notification again.
 */
@Component
class TopicNotifications {

  private static final Logger log = LoggerFactory.getLogger(TopicNotifications.class);
  private static final Set<String> TYPES = Set.of("Appointment", "Encounter");

  private final NotificationIntake intake;
  private final IdOnlyNotifications idOnly;
  private final NotificationsReceived received;
  private final TopicEventNumbers numbers;
  private final SubscriptionProperties subscriptions;
  private final Clock clock;

  TopicNotifications(NotificationIntake intake, IdOnlyNotifications idOnly, NotificationsReceived received,
      TopicEventNumbers numbers, SubscriptionProperties subscriptions, Clock clock) {
    this.intake = intake;
    this.idOnly = idOnly;
    this.received = received;
    this.numbers = numbers;
    this.subscriptions = subscriptions;
    this.clock = clock;
  }

  /** @return what its event numbers say: a gap or a reset has made a catch-up run */
  EventNumbers.Verdict receive(SubscriptionStatusNotification n) {
    String resourceType = n.topic().map(subscriptions.topic()::resourceTypeOf).orElse(null);
    if (resourceType != null) {
      // Whatever it is, it shows that the EHR's Subscription on the topic is alive.
      received.received(resourceType);
    }
    String taken = n.type() == Kind.EVENT_NOTIFICATION ? events(n) : "acknowledged";
    // An empty event notification has just been caught up on: a gap it shows needs no second search.
    boolean caughtUp = n.type() == Kind.EVENT_NOTIFICATION && n.entries().isEmpty();
    EventNumbers.Verdict verdict = count(n, caughtUp);
    log.info("Topic notification {} from {}: {}; event numbers {}", n.type(), n.subscription(), taken, verdict);
    return verdict;
  }

  /** Stores what the events carry; returns what was done, counts only. */
  private String events(SubscriptionStatusNotification n) {
    if (n.entries().isEmpty()) {
      // No payload: something matching the Subscription changed. Caught up on now, as for a
      // criteria-based notification without a body.
      return idOnly.somethingChanged().getIssueFirstRep().getDiagnostics();
    }
    int stored = 0;
    int read = 0;
    int ignored = 0;
    for (BundleEntryComponent entry : n.entries()) {
      Resource resource = entry.getResource();
      IdType id = idOf(entry);
      if (resource != null && TYPES.contains(resource.fhirType())) {
        intake.receive(new IdType(resource.fhirType(), id.getIdPart() != null ? id.getIdPart()
            : resource.getIdElement().getIdPart()), resource);
        stored++;
      } else if (resource == null && id.getResourceType() != null && TYPES.contains(id.getResourceType())
          && id.getIdPart() != null) {
        if (!HookRequestChecks.FHIR_ID.matcher(id.getIdPart()).matches()) {
          throw new InvalidRequestException("CL-1126: an id-only entry's fullUrl names no FHIR id"
              + " (1 to 64 of A-Z, a-z, 0-9, '-' and '.')");
        }
        idOnly.receive(id.getResourceType(), id.getIdPart());
        read++;
      } else {
        ignored++;
      }
    }
    return stored + " stored, " + read + " read from the EHR, " + ignored + " of no concern";
  }

  /** The entry's resource id, from its fullUrl, its request's URL or the resource itself. */
  private static IdType idOf(BundleEntryComponent entry) {
    if (entry.hasFullUrl() && !entry.getFullUrl().startsWith("urn:")) {
      return new IdType(entry.getFullUrl());
    }
    if (entry.hasRequest() && entry.getRequest().hasUrl()) {
      return new IdType(entry.getRequest().getUrl());
    }
    return entry.getResource() == null ? new IdType() : entry.getResource().getIdElement();
  }

  private EventNumbers.Verdict count(SubscriptionStatusNotification n, boolean caughtUp) {
    OptionalLong highest = n.highestEventNumber();
    if (n.type() == Kind.QUERY_STATUS || n.type() == Kind.QUERY_EVENT) {
      // Answers to CareLoop's own queries, about events past: not the stream the numbers count.
      return EventNumbers.Verdict.IN_ORDER;
    }
    if (highest.isEmpty()) {
      return EventNumbers.Verdict.IN_ORDER; // nothing numbered (a handshake, an EHR that does not count)
    }
    boolean countOnly = n.eventNumbers().isEmpty();
    long lowest = countOnly ? highest.getAsLong() : n.eventNumbers().stream().mapToLong(Long::longValue).min().getAsLong();
    String subscription = n.subscription();
    long top = highest.getAsLong();
    OptionalLong last = numbers.last(subscription);
    EventNumbers.Verdict verdict = EventNumbers.judge(last, lowest, top, countOnly);
    if (verdict == EventNumbers.Verdict.GAP || verdict == EventNumbers.Verdict.RESET) {
      log.warn("Subscription {}: {} (last event number {}, now {} to {}): catching up with the EHR",
          subscription, verdict, last.isPresent() ? last.getAsLong() : "none", lowest, top);
      if (!caughtUp) {
        // Searched now, before the number is remembered and the EHR answered: if the search fails
        // (503), the EHR's retry shows the same gap again. Not handed to the scheduled catch-up: one
        // already running may have begun before the skipped events, and it is not asked to run again.
        idOnly.somethingChanged();
      }
    }
    numbers.remember(subscription, EventNumbers.lastAfter(last, top, verdict), n.type().name(), clock.instant(),
        verdict == EventNumbers.Verdict.RESET);
    return verdict;
  }
}
