package health.careloop.summaries.internal;

import health.careloop.intake.EncounterChanged;
import health.careloop.intake.ResourceDeleted;
import health.careloop.rules.EncounterSnapshot;
import health.careloop.rules.MessageKind;
import health.careloop.rules.ResourceVersion;
import health.careloop.schedule.MessageDraft;
import health.careloop.schedule.MessageSchedule;
import health.careloop.summaries.ClinicianSummaryTranslator;
import health.careloop.summaries.EncounterParticipant;
import health.careloop.summaries.ResponsibleClinicians;
import health.careloop.summaries.SummaryProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Plans a clinician summary for each clinician responsible for a visit when it finishes (one per
 * visit and clinician, ever: the key names both), through the durable schedule, due at once. What
 * the summary says is read from the EHR when it is written ({@link SummaryDelivery}), not now: the
 * open work is as of the moment the clinician gets it. A visit no longer finished (re-opened,
 * entered in error) has a summary still pending revoked. An older version that arrives after a
 * newer one changes nothing: the newest version the summaries saw is kept
 * ({@link EncounterSummaryVersions}).
 */
@Component
class EncounterSummaries {

  private static final Logger log = LoggerFactory.getLogger(EncounterSummaries.class);

  private final MessageSchedule schedule;
  private final List<String> participantTypes;
  private final EncounterSummaryVersions versions;
  private final Clock clock;

  EncounterSummaries(MessageSchedule schedule, SummaryProperties properties, EncounterSummaryVersions versions,
      Clock clock) {
    this.schedule = schedule;
    this.versions = versions;
    this.participantTypes = properties.participantTypes();
    this.clock = clock;
  }

  /** Runs inside the inbox transaction (see InboxProcessor). */
  @EventListener
  void on(EncounterChanged event) {
    EncounterSnapshot encounter = event.encounter();
    String version = "Encounter/" + encounter.id() + " version " + encounter.version().versionId();
    Instant now = clock.instant();
    if (versions.arrive(encounter.id(), encounter.version(), event.versionSeenWithOtherContent(), now)
        == ResourceVersion.Arrival.NOT_NEWER) {
      // An older version arriving late (after one entered in error, say) neither plans nor revokes.
      log.info("{} is not newer than the one the summaries hold: ignored", version);
      return;
    }
    if (!encounter.isFinished() || encounter.patientId() == null) {
      schedule.replanEncounter(encounter.id(), MessageKind.CLINICIAN_TASK_SUMMARY, List.of(),
          version + ": now " + encounter.status());
      return;
    }
    List<MessageDraft> wanted = ResponsibleClinicians.of(participants(encounter), participantTypes).stream()
        .map(clinician -> MessageDraft.aboutEncounter(ClinicianSummaryTranslator.messageKey(encounter.id(), clinician),
            MessageKind.CLINICIAN_TASK_SUMMARY, encounter.id(), encounter.patientId(), now, null, clinician,
            List.of(), false))
        .toList();
    schedule.replanEncounter(encounter.id(), MessageKind.CLINICIAN_TASK_SUMMARY, wanted, version + ": finished");
  }

  /** The EHR deleted the Encounter: a summary still pending is revoked. In the acknowledging transaction. */
  @EventListener(condition = "#event.resourceType() == 'Encounter'")
  void on(ResourceDeleted event) {
    schedule.replanEncounter(event.resourceId(), MessageKind.CLINICIAN_TASK_SUMMARY, List.of(), event.reason());
  }

  private static List<EncounterParticipant> participants(EncounterSnapshot encounter) {
    return encounter.participants().stream()
        .map(p -> new EncounterParticipant(p.typeCodes(), p.reference())).toList();
  }
}
