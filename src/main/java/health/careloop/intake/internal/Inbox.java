package health.careloop.intake.internal;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.intake.RewrittenHistory;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores notifications durably, once per delivery, and queues their processing in the same
 * transaction. Only after that commit does the EHR get its 2xx.
 *
 * <p>A delivery is a (type, id, version) with its lastUpdated and content ({@link DeliveryFingerprint}).
 * The same delivery again (HAPI's retries, two EHR nodes) is a duplicate. The same version with
 * another lastUpdated or other content is not: the EHR's history of the resource was rewritten
 * (a test environment reset, a backup restored) and the id and version reused. It is stored,
 * processed, and reported ({@link RewrittenHistory}); ignoring it would silence every message
 * about an id CareLoop has seen before.
 */
@Component
class Inbox {

  enum Acceptance { ACCEPTED, REWRITTEN, DUPLICATE }

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  private final InboxEventRepository events;
  private final DeferredWork work;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final FhirContext fhirContext;
  private final RewrittenHistory rewrites;

  Inbox(InboxEventRepository events, DeferredWork work, TransactionTemplate transaction, Clock clock,
      FhirContext fhirContext, RewrittenHistory rewrites) {
    this.events = events;
    this.work = work;
    this.transaction = transaction;
    this.clock = clock;
    this.fhirContext = fhirContext;
    this.rewrites = rewrites;
  }

  Acceptance accept(Notification n) {
    Acceptance acceptance;
    try {
      acceptance = transaction.execute(status -> store(n));
    } catch (DataIntegrityViolationException concurrentCopy) {
      // The same delivery arrived twice at once (HAPI retries, or two EHR nodes): one row won.
      acceptance = Acceptance.DUPLICATE;
    }
    if (acceptance == Acceptance.DUPLICATE) {
      log.info("{}/{} version {} already in the inbox", n.resourceType(), n.resourceId(), n.version().versionId());
    } else if (acceptance == Acceptance.REWRITTEN) {
      rewrites.report(n.resourceType(), n.resourceId(), n.version().versionId(),
          "this version was received before with another lastUpdated or other content");
    }
    return acceptance;
  }

  /** A delivery of a version never received is new; the same delivery again a duplicate; any other a rewrite. */
  static Acceptance classify(Collection<String> fingerprintsSeen, String fingerprint) {
    if (fingerprintsSeen.isEmpty()) {
      return Acceptance.ACCEPTED;
    }
    return fingerprintsSeen.contains(fingerprint) ? Acceptance.DUPLICATE : Acceptance.REWRITTEN;
  }

  private Acceptance store(Notification n) {
    List<String> seen = events.findByResourceTypeAndResourceIdAndVersionId(
            n.resourceType(), n.resourceId(), n.version().versionId()).stream()
        .map(this::fingerprint).toList();
    Acceptance acceptance = classify(seen, n.fingerprint());
    if (acceptance == Acceptance.DUPLICATE) {
      return acceptance;
    }
    InboxEvent event = events.saveAndFlush(new InboxEvent(n.resourceType(), n.resourceId(),
        n.version().versionId(), n.version().lastUpdated(), n.fingerprint(), acceptance == Acceptance.REWRITTEN,
        n.json(), clock.instant()));
    work.submit(WorkKind.PROCESS_INBOX_EVENT, event.id().toString(), clock.instant());
    log.info("{}/{} version {} accepted as inbox event {}", n.resourceType(), n.resourceId(),
        n.version().versionId(), event.id());
    return acceptance;
  }

  private String fingerprint(InboxEvent stored) {
    return stored.fingerprint() != null ? stored.fingerprint()
        : DeliveryFingerprint.ofPayload(fhirContext, stored.payload(), stored.lastUpdated());
  }
}
