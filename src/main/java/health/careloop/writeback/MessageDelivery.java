package health.careloop.writeback;

import health.careloop.compose.MessageComposer;
import health.careloop.compose.RenderedMessage;
import health.careloop.compose.TemplateValues;
import health.careloop.config.ComposeProperties;
import health.careloop.config.DeliveryProperties;
import health.careloop.ehr.AppointmentTranslator;
import health.careloop.ehr.EhrReader;
import health.careloop.ehr.RecipientDirectory;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.QuietHours;
import health.careloop.rules.Recipient;
import health.careloop.rules.TimeZoneChoice;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.springframework.stereotype.Component;

/**
 * Sends a due message: re-reads the Appointment and Patient from the EHR (what was true when the
 * message was planned may not be true now), checks the message still holds and that the recipient's
 * clock is outside quiet hours, writes the text, and writes the Communication back.
 */
@Component
class MessageDelivery implements DueMessageHandler {

  private final EhrReader ehr;
  private final RecipientDirectory directory;
  private final MessageComposer composer;
  private final CommunicationWriter writer;
  private final UnreachableRecipients unreachable;
  private final ZoneId defaultTimeZone;
  private final String clinicContact;
  private final Optional<QuietHours> quietHours;
  private final Clock clock;

  MessageDelivery(EhrReader ehr, RecipientDirectory directory, MessageComposer composer,
      CommunicationWriter writer, UnreachableRecipients unreachable, ComposeProperties composeProperties,
      DeliveryProperties delivery, Clock clock) {
    this.ehr = ehr;
    this.directory = directory;
    this.composer = composer;
    this.writer = writer;
    this.unreachable = unreachable;
    this.defaultTimeZone = composeProperties.defaultTimeZone();
    this.clinicContact = composeProperties.clinicContact();
    this.quietHours = delivery.quietHours().rule();
    this.clock = clock;
  }

  @Override
  public DispatchOutcome dispatch(DueMessage message) {
    Instant now = clock.instant();
    Optional<Appointment> current = ehr.appointment(message.appointmentId());
    if (current.isEmpty()) {
      return DispatchOutcome.skipped("the appointment is no longer in the EHR");
    }
    AppointmentSnapshot appointment = AppointmentTranslator.toSnapshot(message.appointmentId(),
        current.get(), AppointmentTranslator.versionOf(current.get(), "current"));
    Optional<String> stale = StillHolds.check(message, appointment, now);
    if (stale.isPresent()) {
      return DispatchOutcome.skipped(stale.get());
    }
    Optional<Recipient> recipient = directory.patient(message.patientId());
    if (recipient.isEmpty()) {
      return DispatchOutcome.skipped("the patient is no longer in the EHR");
    }
    if (recipient.get().deceased()) {
      return DispatchOutcome.skipped("the patient is recorded as deceased");
    }
    if (directory.hasOptedOut(message.patientId(), message.kind())) {
      return DispatchOutcome.skipped("the patient has opted out of " + message.kind().code() + " messages");
    }
    ZoneId zone = TimeZoneChoice.choose(recipient.get().timeZone(),
        directory.zoneOfLocation(appointment.locationId()), defaultTimeZone);
    if (quietHours.isPresent() && quietHours.get().isQuiet(now, zone)) {
      Instant until = quietHours.get().earliestAllowedAtOrAfter(now, zone);
      return StillHolds.afterStart(message.kind(), appointment.start(), until)
          ? DispatchOutcome.skipped("quiet hours in " + zone + " last until after the start")
          : DispatchOutcome.deferred(until, "quiet hours in " + zone);
    }
    RenderedMessage rendered = composer.compose(message.kind(), recipient.get().languages(),
        new TemplateValues(recipient.get().givenName(), appointment.start(), zone,
            directory.locationName(appointment.locationId()).orElse(null), message.previousStart(),
            directory.phoneOfLocation(appointment.locationId()).orElse(clinicContact)));
    // No portal and no usable telecom: a Task for staff (or a recorded skip) instead of the Communication.
    Optional<DispatchOutcome> instead = unreachable.instead(message, recipient.get().telecom(), rendered,
        appointment.start(), now);
    if (instead.isPresent()) {
      return instead.get();
    }
    return DispatchOutcome.sent(writer.write(CommunicationTranslator.toCommunication(message, rendered, now)));
  }
}
