package health.careloop.intake.internal;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.ehr.AppointmentTranslator;
import health.careloop.ehr.EncounterTranslator;
import health.careloop.intake.AppointmentChanged;
import health.careloop.intake.EncounterChanged;
import health.careloop.intake.CatchUpProperties;
import health.careloop.rules.ResourceVersion;
import health.careloop.schedule.PacedPlanning;
import health.careloop.schedule.WorkHandler;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Encounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Turns a stored notification into a domain event, after the EHR has had its answer. Listeners
 * run in this transaction: the event is marked processed only if their plans were stored too.
 * For what a catch-up found, they run with their due-now messages spread out
 * ({@link PacedPlanning}, {@code careloop.catch-up.max-sends-per-minute}).
 */
@Component
class InboxProcessor implements WorkHandler {

  private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);

  private final InboxEventRepository events;
  private final ApplicationEventPublisher publisher;
  private final FhirContext fhirContext;
  private final TransactionTemplate transaction;
  private final PacedPlanning pacing;
  private final CatchUpProperties catchUp;
  private final Clock clock;
  private final PlanningGate gate;

  InboxProcessor(InboxEventRepository events, ApplicationEventPublisher publisher,
      FhirContext fhirContext, TransactionTemplate transaction, PacedPlanning pacing, CatchUpProperties catchUp,
      Clock clock, PlanningGate gate) {
    this.events = events;
    this.publisher = publisher;
    this.fhirContext = fhirContext;
    this.transaction = transaction;
    this.pacing = pacing;
    this.catchUp = catchUp;
    this.clock = clock;
    this.gate = gate;
  }

  @Override
  public WorkKind kind() {
    return WorkKind.PROCESS_INBOX_EVENT;
  }

  @Override
  public void run(String inboxEventId) {
    // Before the transaction: a planner waiting for a flooded hook holds no connection.
    gate.pass(() -> plan(inboxEventId));
  }

  private void plan(String inboxEventId) {
    transaction.executeWithoutResult(status -> {
      InboxEvent event = events.findById(Long.valueOf(inboxEventId)).orElse(null);
      if (event == null || !event.isPending()) {
        return;
      }
      Object changed = toDomainEvent(event);
      if (event.caughtUp()) {
        // Found by a catch-up: what it plans to go out now is spread out, not sent in one burst.
        pacing.spreading(catchUp.maxSendsPerMinute(), () -> {
          publisher.publishEvent(changed);
          return null;
        });
      } else {
        publisher.publishEvent(changed);
      }
      event.finish(InboxEvent.Outcome.PROCESSED, clock.instant());
    });
  }

  @Override
  public void giveUp(String inboxEventId) {
    transaction.executeWithoutResult(status -> events.findById(Long.valueOf(inboxEventId))
        .filter(InboxEvent::isPending)
        .ifPresent(event -> {
          event.finish(InboxEvent.Outcome.FAILED, clock.instant());
          log.error("Inbox event {} ({}/{} version {}) failed for good", event.id(),
              event.resourceType(), event.resourceId(), event.versionId());
        }));
  }

  private Object toDomainEvent(InboxEvent event) {
    ResourceVersion version = new ResourceVersion(event.versionId(), event.lastUpdated());
    var parser = fhirContext.newJsonParser();
    return switch (event.resourceType()) {
      case "Appointment" -> new AppointmentChanged(AppointmentTranslator.toSnapshot(event.resourceId(),
          parser.parseResource(Appointment.class, event.payload()), version), event.rewritesVersion());
      case "Encounter" -> new EncounterChanged(EncounterTranslator.toSnapshot(event.resourceId(),
          parser.parseResource(Encounter.class, event.payload()), version), event.rewritesVersion());
      default -> throw new IllegalStateException("No domain event for " + event.resourceType());
    };
  }
}
