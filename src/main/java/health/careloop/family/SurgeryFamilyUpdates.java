package health.careloop.family;

import health.careloop.config.FamilyUpdateProperties;
import health.careloop.ehr.RecipientDirectory;
import health.careloop.intake.EncounterChanged;
import health.careloop.rules.EncounterSnapshot;
import health.careloop.rules.Guardian;
import health.careloop.rules.MessageKind;
import health.careloop.rules.Recipient;
import health.careloop.rules.SurgeryUpdates;
import health.careloop.schedule.MessageDraft;
import health.careloop.schedule.MessageSchedule;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Plans, when a surgical Encounter starts and when it is over, an update due at once to each
 * person the patient has permitted through an active Consent (docs/family-updates.md). Nobody
 * permitted, a patient recorded as deceased or who died in surgery: nothing, and the plan records
 * why. An Encounter no longer at the moment an update is about (cancelled, entered in error, or at
 * the next moment) has that update revoked if still pending; an older version arriving late may
 * plan one again, but at send time it goes out only if the EHR still holds the Encounter at its
 * moment. Each update is keyed by Encounter, moment and person: sent once.
 */
@Component
class SurgeryFamilyUpdates {

  private static final Logger log = LoggerFactory.getLogger(SurgeryFamilyUpdates.class);

  private final MessageSchedule schedule;
  private final RecipientDirectory directory;
  private final FamilyUpdateProperties properties;
  private final Clock clock;

  SurgeryFamilyUpdates(MessageSchedule schedule, RecipientDirectory directory, FamilyUpdateProperties properties,
      Clock clock) {
    this.schedule = schedule;
    this.directory = directory;
    this.properties = properties;
    this.clock = clock;
  }

  /** Runs inside the inbox transaction (see InboxProcessor). */
  @EventListener
  void on(EncounterChanged event) {
    EncounterSnapshot encounter = event.encounter();
    if (!properties.enabled() || !SurgeryUpdates.isSurgical(encounter, properties.surgicalTypes())
        || encounter.patientId() == null) {
      return;
    }
    String version = "Encounter/" + encounter.id() + " version " + encounter.version().versionId();
    Optional<String> moment = SurgeryUpdates.moment(encounter, properties.surgicalTypes());
    if (moment.isEmpty()) {
      schedule.replanEncounter(encounter.id(), MessageKind.SURGERY_UPDATE, List.of(), version + ": now "
          + encounter.status());
      return;
    }
    Instant now = clock.instant();
    Optional<String> nobody = whyNobody(encounter);
    List<Guardian> permitted = nobody.isPresent() ? List.of()
        : directory.permittedFamily(encounter.patientId(), properties.purposeOfUse(), now);
    if (nobody.isEmpty() && permitted.isEmpty()) {
      nobody = Optional.of("no active Consent of the patient permits anyone to be told (a permit naming a"
          + " RelatedPerson as actor, purpose " + properties.purposeOfUse() + ")");
    }
    if (nobody.isPresent()) {
      schedule.replanEncounter(encounter.id(), MessageKind.SURGERY_UPDATE, List.of(), version + ": " + nobody.get());
      recordOnce(encounter, moment.get(), nobody.get(), now);
      return;
    }
    List<MessageDraft> wanted = permitted.stream()
        .map(person -> MessageDraft.aboutEncounter(
            SurgeryUpdates.key(encounter.id(), encounter.patientId(), person.reference(), moment.get()),
            MessageKind.SURGERY_UPDATE, encounter.id(), encounter.patientId(), now, null, person.reference(),
            List.of(), false))
        .toList();
    log.info("{}: surgery update ({}) planned for {} permitted person(s)", version, moment.get(), wanted.size());
    schedule.replanEncounter(encounter.id(), MessageKind.SURGERY_UPDATE, wanted, version + ": " + moment.get());
  }

  /** Why nobody may be told whatever the Consents say: a death is for a clinician to tell the family. */
  private Optional<String> whyNobody(EncounterSnapshot encounter) {
    if (encounter.patientDied()) {
      return Optional.of("the patient died during the encounter: a clinician speaks to the family");
    }
    if (directory.patient(encounter.patientId()).map(Recipient::deceased).orElse(false)) {
      return Optional.of("the patient is recorded as deceased: a clinician speaks to the family");
    }
    return Optional.empty();
  }

  /** Records once per Encounter and moment that nobody is told and why: integrators see the decision. */
  private void recordOnce(EncounterSnapshot encounter, String moment, String reason, Instant now) {
    String key = SurgeryUpdates.nobodyKey(encounter.id(), encounter.patientId(), moment);
    if (!schedule.isPlanned(key)) {
      schedule.recordNotPlanned(List.of(MessageDraft.aboutEncounter(key, MessageKind.SURGERY_UPDATE, encounter.id(),
          encounter.patientId(), now, null, null, List.of(), false)), reason);
    }
  }
}
