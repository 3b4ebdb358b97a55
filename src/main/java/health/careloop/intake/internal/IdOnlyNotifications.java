package health.careloop.intake.internal;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import health.careloop.ehr.EhrReader;
import health.careloop.intake.CatchUp;
import health.careloop.intake.ResourceDeleted;
import health.careloop.schedule.MessageBeingSent;
import java.time.Duration;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A notification that names a resource but carries none of it (a rest-hook Subscription with an
 * empty {@code channel.payload}, or an EHR that sends ids only).
 *
 * <p>The resource is read from the EHR while the EHR waits, and stored in the inbox exactly as if
 * the EHR had sent it, before the EHR gets its 2xx. Read now rather than stored as an id to read
 * later, because: the inbox orders and de-duplicates by version, which an id alone does not have
 * (an id-only row would need a schema of its own and a second path through the processor); the
 * EHR retries a 5xx, so a read that fails is answered 503 and nothing is acknowledged that CareLoop
 * does not hold; and the read is one GET by id, bounded by {@code careloop.ehr.read-timeout}. The
 * cost: while the EHR is slow, so is the hook's answer.
 *
 * <p>A 404 or 410 means the EHR deleted it: {@link ResourceDeleted} is published and its listeners
 * revoke what is pending, in the transaction that precedes the answer.
 */
@Component
class IdOnlyNotifications {

  private static final Logger log = LoggerFactory.getLogger(IdOnlyNotifications.class);

  /** How long a deletion waits for a send of one of its messages; under the EHR's 10 s for an answer. */
  static final Duration WAIT_FOR_SEND = Duration.ofSeconds(5);
  private static final Duration LOOK_AGAIN = Duration.ofMillis(200);

  private final EhrReader ehr;
  private final NotificationIntake intake;
  private final ApplicationEventPublisher publisher;
  private final TransactionTemplate transaction;
  private final CatchUp catchUp;

  IdOnlyNotifications(EhrReader ehr, NotificationIntake intake, ApplicationEventPublisher publisher,
      TransactionTemplate transaction, CatchUp catchUp) {
    this.catchUp = catchUp;
    this.ehr = ehr;
    this.intake = intake;
    this.publisher = publisher;
    this.transaction = transaction;
  }

  /**
   * @param type {@code Appointment} or {@code Encounter}
   * @return what the EHR is answered
   * @throws UnclassifiedServerFailureException 503 if the EHR could not be read: the EHR retries
   */
  OperationOutcome receive(String type, String id) {
    Optional<? extends Resource> held = read(type, id);
    if (held.isPresent()) {
      log.info("{}/{}: notified without a payload, read from the EHR", type, id);
      return (OperationOutcome) intake.receive(new IdType(type, id), held.get()).getOperationOutcome();
    }
    ResourceDeleted deleted = new ResourceDeleted(type, id);
    revokeOnceNotBeingSent(deleted);
    log.info("{}/{}: notified, and the EHR no longer holds it: what was pending is revoked", type, id);
    return informational(deleted.reason() + ": what was pending about it is revoked");
  }

  /**
   * A notification that names nothing at all (HAPI's rest-hook with an empty payload posts to the
   * endpoint itself): something matching a Subscription changed. CareLoop catches up with the EHR
   * now, by the same search as its safety net, and answers once what it found is in the inbox. A
   * deletion is not found this way (the EHR's search no longer returns it).
   *
   * @throws UnclassifiedServerFailureException 503 if the EHR could not be searched: the EHR retries
   */
  OperationOutcome somethingChanged() {
    try {
      CatchUp.Result result = catchUp.catchUp(Optional.empty());
      log.info("Notified without a resource: caught up, {} found, {} new", result.found(), result.accepted());
      return informational("Caught up with the EHR: " + result.found() + " found, " + result.accepted() + " new");
    } catch (BaseServerResponseException e) { // FhirClientConnectionException too: unreachable
      log.warn("Notified without a resource, and the EHR could not be searched ({})", e.getStatusCode());
      throw new UnclassifiedServerFailureException(503, "CL-1115: notified without a resource, and CareLoop"
          + " could not search the EHR now: retry");
    }
  }

  /**
   * Publishes the deletion, whose listeners revoke what is pending. One of those messages may be
   * being sent to the EHR at this moment (a dispatch holds no lock while it waits on the EHR, so the
   * revocation cannot simply wait for it): the revocation then rolls back whole and is tried again
   * a little later, for at most {@link #WAIT_FOR_SEND}, as it used to wait for the send's lock. After
   * that the EHR gets a 503 and sends the notification again.
   */
  private void revokeOnceNotBeingSent(ResourceDeleted deleted) {
    long giveUpAt = System.nanoTime() + WAIT_FOR_SEND.toNanos();
    while (true) {
      try {
        transaction.executeWithoutResult(status -> publisher.publishEvent(deleted));
        return;
      } catch (MessageBeingSent sending) {
        if (System.nanoTime() > giveUpAt) {
          log.info("{}/{}: deleted in the EHR while one of its messages is still being sent: answered 503",
              deleted.resourceType(), deleted.resourceId());
          var unavailable = new UnclassifiedServerFailureException(503, "CL-1116: " + deleted.resourceType() + "/"
              + deleted.resourceId() + " is deleted, and one of its messages is being sent now: retry");
          unavailable.addResponseHeader("Retry-After", Long.toString(WAIT_FOR_SEND.toSeconds()));
          throw unavailable;
        }
        try {
          Thread.sleep(LOOK_AGAIN.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw sending;
        }
      }
    }
  }

  private Optional<? extends Resource> read(String type, String id) {
    try {
      return "Appointment".equals(type) ? ehr.appointment(id) : ehr.encounter(id);
    } catch (BaseServerResponseException e) { // FhirClientConnectionException too: unreachable {
      log.warn("{}/{}: notified without a payload, and the EHR could not be read ({})", type, id, e.getStatusCode());
      throw new UnclassifiedServerFailureException(503, "CL-1114: " + type + "/" + id
          + " was notified without its content, and CareLoop could not read it from the EHR now: retry");
    }
  }

  private static OperationOutcome informational(String diagnostics) {
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue().setSeverity(IssueSeverity.INFORMATION).setCode(IssueType.INFORMATIONAL).setDiagnostics(diagnostics);
    return outcome;
  }
}
