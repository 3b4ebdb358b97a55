package health.careloop.writeback;

import health.careloop.compose.MessageComposer;
import health.careloop.compose.RenderedMessage;
import health.careloop.compose.TemplateValues;
import health.careloop.config.ComposeProperties;
import health.careloop.ehr.AppointmentTranslator;
import health.careloop.ehr.EhrReader;
import health.careloop.ehr.FhirExtensions;
import health.careloop.ehr.RecipientTranslator;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.Recipient;
import health.careloop.rules.ResourceVersion;
import health.careloop.rules.TimeZoneChoice;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * Sends a due message: re-reads the Appointment and Patient from the EHR (what was true when the
 * message was planned may not be true now), writes the text, and writes the Communication back.
 */
@Component
class MessageDelivery implements DueMessageHandler {

  private final EhrReader ehr;
  private final MessageComposer composer;
  private final CommunicationWriter writer;
  private final ZoneId defaultTimeZone;
  private final Clock clock;

  MessageDelivery(EhrReader ehr, MessageComposer composer, CommunicationWriter writer,
      ComposeProperties composeProperties, Clock clock) {
    this.ehr = ehr;
    this.composer = composer;
    this.writer = writer;
    this.defaultTimeZone = composeProperties.defaultTimeZone();
    this.clock = clock;
  }

  @Override
  public DispatchOutcome dispatch(DueMessage message) {
    Instant now = clock.instant();
    if (message.appointmentStart() != null && !now.isBefore(message.appointmentStart())) {
      return DispatchOutcome.skipped("the appointment has started");
    }
    Optional<Appointment> current = ehr.appointment(message.appointmentId());
    if (current.isEmpty()) {
      return DispatchOutcome.skipped("the appointment is no longer in the EHR");
    }
    AppointmentSnapshot appointment = AppointmentTranslator.toSnapshot(message.appointmentId(),
        current.get(), new ResourceVersion(current.get().getMeta().getVersionId(), null));
    if (!appointment.status().expectsPatient()) {
      return DispatchOutcome.skipped("the appointment is now " + appointment.status().name().toLowerCase());
    }
    if (appointment.start() == null || !appointment.start().equals(message.appointmentStart())) {
      return DispatchOutcome.skipped("the appointment has moved");
    }
    Optional<Patient> patient = ehr.patient(message.patientId());
    if (patient.isEmpty()) {
      return DispatchOutcome.skipped("the patient is no longer in the EHR");
    }
    Recipient recipient = RecipientTranslator.toRecipient(patient.get());
    if (recipient.deceased()) {
      return DispatchOutcome.skipped("the patient is recorded as deceased");
    }
    Optional<Location> location = Optional.ofNullable(appointment.locationId()).flatMap(ehr::location);
    ZoneId zone = TimeZoneChoice.choose(recipient.timeZone(),
        location.flatMap(FhirExtensions::timeZone), defaultTimeZone);
    RenderedMessage rendered = composer.compose(message.kind(), recipient.languages(),
        new TemplateValues(recipient.givenName(), appointment.start(), zone,
            location.map(Location::getName).orElse(null)));
    return DispatchOutcome.sent(writer.write(CommunicationTranslator.toCommunication(message, rendered, now)));
  }
}
