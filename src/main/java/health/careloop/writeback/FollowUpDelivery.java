package health.careloop.writeback;

import health.careloop.compose.ContentTexts.ContentText;
import health.careloop.compose.ContentTexts.ContentValues;
import health.careloop.compose.ContentTexts;
import health.careloop.compose.RenderedMessage;
import health.careloop.config.ComposeProperties;
import health.careloop.config.DeliveryProperties;
import health.careloop.ehr.EhrReader;
import health.careloop.ehr.EncounterTranslator;
import health.careloop.ehr.PatientAtSendTime;
import health.careloop.ehr.RecipientDirectory;
import health.careloop.rules.EncounterSnapshot;
import health.careloop.rules.Guardian;
import health.careloop.rules.MessageKind;
import health.careloop.rules.QuietHours;
import health.careloop.rules.Recipient;
import health.careloop.rules.TimeZoneChoice;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Sends a follow-up after a visit: re-reads the Encounter and the Patient (what was true when it was
 * planned may not be true now: the visit re-opened or entered in error, the patient dead, an opt-out
 * recorded), decides its recipients again, keeps to quiet hours, writes the text from the content
 * library as it is now (an item whose review lapsed is left out), and writes the Communication back.
 */
@Component
class FollowUpDelivery implements DueMessageHandler {

  private static final Logger log = LoggerFactory.getLogger(FollowUpDelivery.class);

  private final EhrReader ehr;
  private final RecipientDirectory directory;
  private final ContentTexts texts;
  private final CommunicationWriter writer;
  private final UnreachableRecipients unreachable;
  private final SendTimeRecipients recipients;
  private final ZoneId defaultTimeZone;
  private final String clinicContact;
  private final Optional<QuietHours> quietHours;
  private final Clock clock;

  FollowUpDelivery(EhrReader ehr, RecipientDirectory directory, ContentTexts texts, CommunicationWriter writer,
      UnreachableRecipients unreachable, SendTimeRecipients recipients, ComposeProperties compose,
      DeliveryProperties delivery, Clock clock) {
    this.ehr = ehr;
    this.directory = directory;
    this.texts = texts;
    this.writer = writer;
    this.unreachable = unreachable;
    this.recipients = recipients;
    this.defaultTimeZone = compose.defaultTimeZone();
    this.clinicContact = compose.clinicContact();
    this.quietHours = delivery.quietHours().rule();
    this.clock = clock;
  }

  @Override
  public boolean handles(MessageKind kind) {
    return kind == MessageKind.FOLLOW_UP_CONTENT;
  }

  /** A message of its own kind stands alone: it has no group. */
  @Override
  public DispatchOutcome dispatch(DueMessage message, List<DueMessage> sameGroup) {
    Instant now = clock.instant();
    Optional<String> late = texts.whyTooLate(message.dueAt(), now);
    if (late.isPresent()) {
      return DispatchOutcome.skipped("too late for this follow-up: " + late.get());
    }
    Optional<EncounterSnapshot> current = ehr.encounter(message.encounterId())
        .map(e -> EncounterTranslator.current(message.encounterId(), e));
    if (current.isEmpty()) {
      return DispatchOutcome.skipped("the visit is no longer in the EHR");
    }
    EncounterSnapshot encounter = current.get();
    if (!encounter.isFinished()) {
      return DispatchOutcome.skipped("the visit is now " + encounter.status());
    }
    if (encounter.patientDied()) {
      return DispatchOutcome.skipped("the patient died during the visit (discharge disposition)");
    }
    if (!message.patientId().equals(encounter.patientId())) {
      return DispatchOutcome.skipped("the visit is now recorded for another patient");
    }
    // One reading of the Patient, its Consents and RelatedPersons serves every check below.
    PatientAtSendTime read = directory.patientAtSendTime(message.patientId());
    PatientNow checked = PatientNow.of(read, message, now);
    if (checked.patient().isEmpty()) {
      return DispatchOutcome.skipped(checked.whyNot());
    }
    Optional<Recipient> patient = checked.patient();
    ZoneId zone = TimeZoneChoice.choose(patient.get().timeZone(), directory.zoneOfLocation(encounter.locationId()),
        defaultTimeZone);
    SendTimeRecipients.Addressees to = recipients.of(message, read, patient.get(), now.atZone(zone).toLocalDate(), now);
    if (to.nobody()) {
      return DispatchOutcome.skipped(to.reason());
    }
    if (quietHours.isPresent() && quietHours.get().isQuiet(now, zone)) {
      Instant until = quietHours.get().earliestAllowedAtOrAfter(now, zone);
      return texts.whyTooLate(message.dueAt(), until)
          .<DispatchOutcome>map(why -> DispatchOutcome.skipped("quiet hours in " + zone + " last until " + until
              + ": too late for this follow-up then: " + why))
          .orElseGet(() -> DispatchOutcome.deferred(until, "quiet hours in " + zone));
    }
    return SendTimeRecipients.deliver(message, to,
        (as, guardian) -> deliver(as, guardian, patient.get(), encounter, zone, now));
  }

  /** Writes the text for one recipient and writes it back (or hands it to staff without a portal). */
  private DispatchOutcome deliver(DueMessage message, Guardian guardian, Recipient patient, EncounterSnapshot encounter,
      ZoneId zone, Instant now) {
    List<String> languages = guardian != null && !guardian.languages().isEmpty() ? guardian.languages()
        : patient.languages();
    Optional<ContentText> text = texts.compose(message.content(), languages,
        new ContentValues(guardian != null ? guardian.givenName() : patient.givenName(),
            directory.phoneOfLocation(encounter.locationId()).orElse(clinicContact)),
        now.atZone(zone).toLocalDate());
    if (text.isEmpty()) {
      return DispatchOutcome.skipped("none of its content may be sent any more (withdrawn from the library,"
          + " or its clinical review lapsed)");
    }
    text.get().leftOut().forEach(why -> log.info("Planned message {}: left out {}", message.plannedMessageId(), why));
    RenderedMessage rendered = new RenderedMessage(message.kind(), text.get().language(), text.get().text());
    Optional<DispatchOutcome> instead = unreachable.instead(message,
        guardian != null ? guardian.telecom() : patient.telecom(), rendered, null, now, List.of(), guardian);
    if (instead.isPresent()) {
      return instead.get();
    }
    return DispatchOutcome.sent(writer.write(
        FollowUpCommunicationTranslator.toCommunication(message, guardian, text.get(), now)), List.of());
  }
}
