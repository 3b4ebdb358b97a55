package health.careloop.writeback;

import health.careloop.compose.MessageComposer;
import health.careloop.compose.RenderedMessage;
import health.careloop.compose.TemplateValues;
import health.careloop.compose.TemplateValues.Visit;
import health.careloop.config.ComposeProperties;
import health.careloop.config.DeliveryProperties;
import health.careloop.ehr.AppointmentTranslator;
import health.careloop.ehr.EhrReader;
import health.careloop.ehr.PatientAtSendTime;
import health.careloop.ehr.RecipientDirectory;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.DeclinedPatients;
import health.careloop.rules.Guardian;
import health.careloop.rules.MessageKind;
import health.careloop.rules.MissedMessagePolicy;
import health.careloop.rules.QuietHours;
import health.careloop.rules.Recipient;
import health.careloop.rules.TimeZoneChoice;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Sends a due message: re-reads the Appointment, then the Patient with its Consents and those around
 * it, in one search where the EHR can ({@link health.careloop.ehr.PatientAtSendTime}), from the EHR
 * (what was true when the message was planned may not be true now),
 * checks the message still holds, decides its recipients again ({@link SendTimeRecipients}: a
 * minor may have come of age), checks that the recipient's clock is outside quiet hours, writes the
 * text, and writes the Communication back. A reminder lists the recipient's other appointments of
 * the day whose reminders are pending with it, if they still hold too.
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
  private final SendTimeRecipients recipients;
  private final StillHolds stillHolds;
  private final Clock clock;

  MessageDelivery(EhrReader ehr, RecipientDirectory directory, MessageComposer composer,
      CommunicationWriter writer, ComposeProperties composeProperties, DeliveryProperties delivery,
      SendTimeRecipients recipients, MissedMessagePolicy missed, DeclinedPatients declined,
      UnreachableRecipients unreachable,
      Clock clock) {
    this.ehr = ehr;
    this.directory = directory;
    this.composer = composer;
    this.writer = writer;
    this.unreachable = unreachable;
    this.defaultTimeZone = composeProperties.defaultTimeZone();
    this.clinicContact = composeProperties.clinicContact();
    this.quietHours = delivery.quietHours().rule();
    this.recipients = recipients;
    this.stillHolds = new StillHolds(missed, declined);
    this.clock = clock;
  }

  /**
   * The messages about an Appointment. A follow-up ({@link FollowUpDelivery}), a family update
   * during surgery ({@link SurgeryUpdateDelivery}) and the clinicians' messages have handlers of their own.
   */
  @Override
  public boolean handles(MessageKind kind) {
    return switch (kind) {
      case APPOINTMENT_CONFIRMATION, APPOINTMENT_REMINDER, APPOINTMENT_MOVED, APPOINTMENT_CANCELLED,
          APPOINTMENT_MISSED -> true;
      case FOLLOW_UP_CONTENT, SURGERY_UPDATE, CLINICIAN_TASK_SUMMARY, CLINICIAN_DIGEST -> false;
    };
  }

  @Override
  public DispatchOutcome dispatch(DueMessage message, List<DueMessage> sameGroup) {
    Instant now = clock.instant();
    Optional<AppointmentSnapshot> current = appointmentNow(message.appointmentId());
    if (current.isEmpty()) {
      return DispatchOutcome.skipped("the appointment is no longer in the EHR");
    }
    AppointmentSnapshot appointment = current.get();
    Optional<String> stale = stillHolds.check(message, appointment, now);
    if (stale.isPresent()) {
      return DispatchOutcome.skipped(stale.get());
    }
    // One reading of the Patient, its Consents and RelatedPersons serves every check below.
    PatientAtSendTime read = directory.patientAtSendTime(message.patientId());
    PatientNow checked = PatientNow.of(read, message, now);
    if (checked.patient().isEmpty()) {
      return DispatchOutcome.skipped(checked.whyNot());
    }
    Optional<Recipient> patient = checked.patient();
    ZoneId zone = TimeZoneChoice.choose(patient.get().timeZone(),
        directory.zoneOfLocation(appointment.locationId()), defaultTimeZone);
    SendTimeRecipients.Addressees to = recipients.of(message, read, patient.get(), now.atZone(zone).toLocalDate(), now);
    if (to.nobody()) {
      return DispatchOutcome.skipped(to.reason());
    }
    if (quietHours.isPresent() && quietHours.get().isQuiet(now, zone)) {
      Instant until = quietHours.get().earliestAllowedAtOrAfter(now, zone);
      Optional<String> tooLate = stillHolds.tooLate(message.kind(), appointment.start(), until);
      return tooLate.isPresent()
          ? DispatchOutcome.skipped("quiet hours in " + zone + " last until " + until + ": " + tooLate.get())
          : DispatchOutcome.deferred(until, "quiet hours in " + zone);
    }
    List<Listed> listedToo = stillHolding(sameGroup, now);
    return SendTimeRecipients.deliver(message, to,
        (as, guardian) -> deliver(as, guardian, patient.get(), appointment, zone, listedToo, now));
  }

  /**
   * Writes the text for one recipient and writes it back: the Communication, or without a portal a
   * Task for staff (or a recorded skip).
   *
   * @param guardian the guardian it goes to; null for the patient
   */
  private DispatchOutcome deliver(DueMessage message, Guardian guardian, Recipient patient,
      AppointmentSnapshot appointment, ZoneId zone, List<Listed> listedToo, Instant now) {
    RenderedMessage rendered = composer.compose(message.kind(),
        guardian != null && !guardian.languages().isEmpty() ? guardian.languages() : patient.languages(),
        new TemplateValues(guardian != null ? guardian.givenName() : patient.givenName(), guardian != null,
            patient.givenName(), appointment.start(), zone, locationName(appointment.locationId()),
            message.previousStart(), directory.phoneOfLocation(appointment.locationId()).orElse(clinicContact),
            sameDay(appointment, listedToo)));
    List<String> included = listedToo.stream().map(l -> l.message().plannedMessageId()).toList();
    // Without a portal nothing delivers a Communication: a Task for staff (or a recorded skip) instead.
    Optional<DispatchOutcome> instead = unreachable.instead(message,
        guardian != null ? guardian.telecom() : patient.telecom(), rendered, appointment.start(), now, included, guardian);
    if (instead.isPresent()) {
      return instead.get();
    }
    String communicationId = writer.write(
        CommunicationTranslator.toCommunication(message, listedToo.stream().map(Listed::message).toList(), guardian,
            rendered, now));
    return DispatchOutcome.sent(communicationId, included);
  }

  private Optional<AppointmentSnapshot> appointmentNow(String appointmentId) {
    return ehr.appointment(appointmentId).map(a -> AppointmentTranslator.current(appointmentId, a));
  }

  /** Another message of the group, and its appointment as the EHR holds it now. */
  private record Listed(DueMessage message, AppointmentSnapshot appointment) {}

  /**
   * The messages of the group whose appointments, re-read now, still hold. Those that do not stay
   * pending: at their own time they are skipped with the reason.
   */
  private List<Listed> stillHolding(List<DueMessage> sameGroup, Instant now) {
    List<Listed> holding = new ArrayList<>();
    for (DueMessage other : sameGroup) {
      appointmentNow(other.appointmentId())
          .filter(a -> stillHolds.check(other, a, now).isEmpty())
          .ifPresent(a -> holding.add(new Listed(other, a)));
    }
    return holding;
  }

  /** Every appointment a reminder about several lists; empty when it is about one. */
  private List<Visit> sameDay(AppointmentSnapshot appointment, List<Listed> listedToo) {
    if (listedToo.isEmpty()) {
      return List.of();
    }
    List<Visit> visits = new ArrayList<>();
    visits.add(new Visit(appointment.start(), locationName(appointment.locationId())));
    listedToo.forEach(l -> visits.add(new Visit(l.appointment().start(), locationName(l.appointment().locationId()))));
    return visits;
  }

  private String locationName(String locationId) {
    return directory.locationName(locationId).orElse(null);
  }
}
