package health.careloop.followup.internal;

import health.careloop.intake.EncounterChanged;
import health.careloop.intake.ResourceDeleted;
import health.careloop.intake.RewrittenHistory;
import health.careloop.rules.EncounterSnapshot;
import health.careloop.rules.MessageKeys;
import health.careloop.rules.MessageKind;
import health.careloop.rules.ResourceVersion.Arrival;
import health.careloop.schedule.MessageDraft;
import health.careloop.schedule.MessageSchedule;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each Encounter's follow-up messages in line with its newest known version. A visit that
 * finishes gets the content its codes select, timed from its end; one updated after finishing (a
 * diagnosis added) gets what it did not have yet, never a message twice; one re-opened, cancelled
 * or entered in error has what is pending revoked. A visit whose patient died, or with a sensitive
 * code, gets nothing, and the plan records why. An older or repeated version changes nothing.
 */
@Component
class EncounterFollowUps {

  private static final Logger log = LoggerFactory.getLogger(EncounterFollowUps.class);

  private final EncounterStateRepository states;
  private final MessageSchedule schedule;
  private final FollowUpDecisions decisions;
  private final RewrittenHistory rewrites;
  private final Clock clock;

  EncounterFollowUps(EncounterStateRepository states, MessageSchedule schedule, FollowUpDecisions decisions,
      RewrittenHistory rewrites, Clock clock) {
    this.states = states;
    this.schedule = schedule;
    this.decisions = decisions;
    this.rewrites = rewrites;
    this.clock = clock;
  }

  /** Runs inside the inbox transaction (see InboxProcessor). */
  @EventListener
  void on(EncounterChanged event) {
    EncounterSnapshot encounter = event.encounter();
    EncounterState state = states.findForUpdate(encounter.id()).orElseGet(() -> new EncounterState(encounter.id()));
    Arrival arrival = state.isKnown()
        ? encounter.version().arrivingAfter(state.version(), event.versionSeenWithOtherContent())
        : Arrival.NEWER;
    if (arrival == Arrival.NOT_NEWER) {
      log.info("Encounter/{} version {} is not newer than version {}: ignored", encounter.id(),
          encounter.version().versionId(), state.version().versionId());
      return;
    }
    if (arrival == Arrival.REWRITTEN && !event.versionSeenWithOtherContent()) {
      rewrites.report("Encounter", encounter.id(), encounter.version().versionId(),
          "written after version " + state.version().versionId() + " that CareLoop planned from");
    }
    Instant now = clock.instant();
    state.record(encounter, now);
    states.save(state);
    String version = "Encounter/" + encounter.id() + " version " + encounter.version().versionId();
    if (!encounter.isFinished()) {
      // Re-opened (in progress again), cancelled or entered in error: what is pending no longer holds.
      schedule.replanEncounter(encounter.id(), MessageKind.FOLLOW_UP_CONTENT, List.of(), version + ": now " + encounter.status());
      return;
    }
    if (encounter.patientId() == null) {
      log.info("{}: finished, with no Patient as its subject: no follow-up", version);
      return;
    }
    FollowUpDecisions.Decision decision = decisions.decide(encounter, schedule.deliveredAbout(encounter.id()), now);
    if (decision instanceof FollowUpDecisions.Decision.NoFollowUp none) {
      schedule.replanEncounter(encounter.id(), MessageKind.FOLLOW_UP_CONTENT, List.of(), version + ": " + none.reason());
      recordOnce(encounter, none.reason(), now);
      return;
    }
    FollowUpDecisions.Decision.FollowUps followUps = (FollowUpDecisions.Decision.FollowUps) decision;
    // The item is logged without the visit: an item next to an Encounter id would say what the
    // patient was seen for. Which visits an item was left out of, $preview shows.
    followUps.selection().leftOut().forEach(left -> log.info("Follow-up item {} left out of a visit: {}",
        left.item().url(), left.reason()));
    schedule.replanEncounter(encounter.id(), MessageKind.FOLLOW_UP_CONTENT, followUps.plan().wanted(), version + ": finished");
    followUps.plan().notPlanned().stream()
        .filter(not -> !schedule.isPlanned(not.draft().messageKey()))
        .forEach(not -> schedule.recordNotPlanned(List.of(not.draft()), not.reason()));
  }

  /** The EHR deleted the Encounter: its pending follow-ups are revoked. In the acknowledging transaction. */
  @EventListener(condition = "#event.resourceType() == 'Encounter'")
  void on(ResourceDeleted event) {
    schedule.replanEncounter(event.resourceId(), MessageKind.FOLLOW_UP_CONTENT, List.of(), event.reason());
  }

  /**
   * Records, once per visit, that it gets no follow-up and why: integrators see the decision, and a
   * later version of the visit does not record it again.
   */
  private void recordOnce(EncounterSnapshot encounter, String reason, Instant now) {
    String key = MessageKeys.ofEncounter(encounter.id(), encounter.patientId(), null, "followup:none");
    if (!schedule.isPlanned(key)) {
      schedule.recordNotPlanned(List.of(MessageDraft.aboutEncounter(key, MessageKind.FOLLOW_UP_CONTENT,
          encounter.id(), encounter.patientId(), now, null, null, List.of(), false)), reason);
    }
  }
}
