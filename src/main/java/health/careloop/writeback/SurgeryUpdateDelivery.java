package health.careloop.writeback;

import health.careloop.compose.MessageComposer;
import health.careloop.compose.RenderedMessage;
import health.careloop.compose.TemplateValues;
import health.careloop.config.ComposeProperties;
import health.careloop.config.FamilyUpdateProperties;
import health.careloop.ehr.EhrReader;
import health.careloop.ehr.EncounterTranslator;
import health.careloop.ehr.PatientAtSendTime;
import health.careloop.ehr.RecipientDirectory;
import health.careloop.rules.EncounterSnapshot;
import health.careloop.rules.Guardian;
import health.careloop.rules.MessageKind;
import health.careloop.rules.Recipient;
import health.careloop.rules.SurgeryUpdates;
import health.careloop.rules.TimeZoneChoice;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Sends an update to the patient's family during surgery (docs/family-updates.md), after checking
 * against the EHR as it is now that it still holds: the Encounter still at the moment the update
 * is about, the patient alive (a death is for a clinician to tell), not opted out of these updates,
 * and an active Consent still permitting this person. Quiet hours do not delay it: a family waiting
 * through an operation wants to know at once, whatever the hour (HAZ-034). The text comes from the
 * {@code surgery-update} templates, which say nothing clinical.
 */
@Component
class SurgeryUpdateDelivery implements DueMessageHandler {

  private final EhrReader ehr;
  private final RecipientDirectory directory;
  private final MessageComposer composer;
  private final CommunicationWriter writer;
  private final UnreachableRecipients unreachable;
  private final FamilyUpdateProperties properties;
  private final ZoneId defaultTimeZone;
  private final String clinicContact;
  private final Clock clock;

  SurgeryUpdateDelivery(EhrReader ehr, RecipientDirectory directory, MessageComposer composer,
      CommunicationWriter writer, UnreachableRecipients unreachable, FamilyUpdateProperties properties,
      ComposeProperties compose, Clock clock) {
    this.ehr = ehr;
    this.directory = directory;
    this.composer = composer;
    this.writer = writer;
    this.unreachable = unreachable;
    this.properties = properties;
    this.defaultTimeZone = compose.defaultTimeZone();
    this.clinicContact = compose.clinicContact();
    this.clock = clock;
  }

  @Override
  public boolean handles(MessageKind kind) {
    return kind == MessageKind.SURGERY_UPDATE;
  }

  /** A message of its own kind stands alone: it has no group. */
  @Override
  public DispatchOutcome dispatch(DueMessage message, List<DueMessage> sameGroup) {
    Instant now = clock.instant();
    if (!properties.enabled()) {
      return DispatchOutcome.skipped("family updates are switched off (careloop.family-updates.enabled)");
    }
    Optional<EncounterSnapshot> current = ehr.encounter(message.encounterId())
        .map(e -> EncounterTranslator.current(message.encounterId(), e));
    if (current.isEmpty()) {
      return DispatchOutcome.skipped("the encounter is no longer in the EHR");
    }
    EncounterSnapshot encounter = current.get();
    Optional<String> moment = SurgeryUpdates.moment(encounter, properties.surgicalTypes());
    if (moment.isEmpty() || !moment.equals(SurgeryUpdates.momentOf(message.messageKey()))) {
      return DispatchOutcome.skipped("the encounter is now " + encounter.status()
          + (SurgeryUpdates.isSurgical(encounter, properties.surgicalTypes()) ? "" : ", not of a surgical type"));
    }
    if (!message.patientId().equals(encounter.patientId())) {
      return DispatchOutcome.skipped("the encounter is now recorded for another patient");
    }
    if (encounter.patientDied()) {
      return DispatchOutcome.skipped("the patient died during the encounter: a clinician speaks to the family");
    }
    // One reading of the Patient, its Consents and RelatedPersons serves every check below.
    PatientAtSendTime read = directory.patientAtSendTime(message.patientId());
    Optional<Recipient> patient = read.patient();
    if (patient.isEmpty()) {
      return DispatchOutcome.skipped("the patient is no longer in the EHR");
    }
    if (patient.get().deceased()) {
      return DispatchOutcome.skipped("the patient is recorded as deceased: a clinician speaks to the family");
    }
    if (read.hasOptedOut(message.kind(), now)) {
      return DispatchOutcome.skipped("the patient has opted out of " + message.kind().code() + " messages");
    }
    Optional<Guardian> person = read.permittedFamily(properties.purposeOfUse(), now).stream()
        .filter(p -> p.reference().equals(message.guardian())).findFirst();
    if (person.isEmpty()) {
      return DispatchOutcome.skipped("no active Consent of the patient permits " + message.guardian()
          + " to be told any more");
    }
    ZoneId zone = TimeZoneChoice.choose(patient.get().timeZone(), directory.zoneOfLocation(encounter.locationId()),
        defaultTimeZone);
    return deliver(message, person.get(), patient.get(), encounter, zone, now);
  }

  private DispatchOutcome deliver(DueMessage message, Guardian person, Recipient patient, EncounterSnapshot encounter,
      ZoneId zone, Instant now) {
    // The templates say only the patient's name and the moment: the update's own time stands in for
    // the appointment's start that the template values require; no surgery-update template shows it.
    RenderedMessage rendered = composer.compose(message.kind(),
        person.languages().isEmpty() ? patient.languages() : person.languages(),
        new TemplateValues(person.givenName(), true, patient.givenName(), now, zone, null, null,
            directory.phoneOfLocation(encounter.locationId()).orElse(clinicContact), List.of(),
            SurgeryUpdates.OVER.equals(encounter.status())));
    Optional<DispatchOutcome> instead = unreachable.instead(message, person.telecom(), rendered, null, now, List.of(),
        person);
    if (instead.isPresent()) {
      return instead.get();
    }
    return DispatchOutcome.sent(writer.write(
        SurgeryUpdateCommunicationTranslator.toCommunication(message, person, rendered, now)), List.of());
  }
}
