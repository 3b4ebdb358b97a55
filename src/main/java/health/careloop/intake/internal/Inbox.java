package health.careloop.intake.internal;

import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores notifications durably, once per (type, id, version), and queues their processing in the
 * same transaction. Only after that commit does the EHR get its 2xx.
 */
@Component
class Inbox {

  enum Acceptance { ACCEPTED, DUPLICATE }

  private static final Logger log = LoggerFactory.getLogger(Inbox.class);

  private final InboxEventRepository events;
  private final DeferredWork work;
  private final TransactionTemplate transaction;
  private final Clock clock;

  Inbox(InboxEventRepository events, DeferredWork work, TransactionTemplate transaction, Clock clock) {
    this.events = events;
    this.work = work;
    this.transaction = transaction;
    this.clock = clock;
  }

  Acceptance accept(Notification notification) {
    try {
      return transaction.execute(status -> store(notification));
    } catch (DataIntegrityViolationException concurrentCopy) {
      // The same version arrived twice at once (HAPI retries, or two EHR nodes): one row won.
      return duplicate(notification);
    }
  }

  private static Acceptance duplicate(Notification n) {
    log.info("{}/{} version {} already in the inbox", n.resourceType(), n.resourceId(), n.version().versionId());
    return Acceptance.DUPLICATE;
  }

  private Acceptance store(Notification n) {
    if (events.findByResourceTypeAndResourceIdAndVersionId(
        n.resourceType(), n.resourceId(), n.version().versionId()).isPresent()) {
      return duplicate(n);
    }
    InboxEvent event = events.saveAndFlush(new InboxEvent(n.resourceType(), n.resourceId(),
        n.version().versionId(), n.version().lastUpdated(), n.json(), clock.instant()));
    work.submit(WorkKind.PROCESS_INBOX_EVENT, event.id().toString(), clock.instant());
    log.info("{}/{} version {} accepted as inbox event {}", n.resourceType(), n.resourceId(),
        n.version().versionId(), event.id());
    return Acceptance.ACCEPTED;
  }
}
