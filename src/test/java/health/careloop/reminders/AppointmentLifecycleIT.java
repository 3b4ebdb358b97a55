package health.careloop.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each transition of an Appointment's life, made in a real HAPI FHIR EHR, and what CareLoop writes
 * back for it. Notices due "now" go out at once (quiet hours are off here; see ReminderPlannerTest
 * and QuietHoursTest for them).
 */
class AppointmentLifecycleIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr);

  @Test
  void booking_isConfirmedAtOnce_inThePatientsLanguage() {
    String patient = fixtures.patient("Lucía", "es", "Europe/Madrid");
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));

    Communication confirmation = awaitOne(patient, "appointment-confirmation");

    assertThat(confirmation.getAboutFirstRep().getReference()).isEqualTo("Appointment/" + appointment.getIdElement().getIdPart());
    assertThat(confirmation.getLanguage()).isEqualTo("es");
    assertThat(confirmation.getPayloadFirstRep().getContentStringType().getValue()).startsWith("Hola Lucía");
    assertThat(CareLoopProfileValidator.get().errors(confirmation)).isEmpty();
    assertThat(reminderStatuses(appointment.getIdElement().getIdPart())).containsOnly(PlannedMessageStatus.PENDING).hasSize(2);
  }

  @Test
  void languageWithoutTemplates_fallsBackAlongTheConfiguredChain_andTheCommunicationSaysWhich() {
    // config/application.yaml: ca: [es] (a Catalan reader reads Spanish before English).
    String patient = fixtures.patient("Jordi", "ca-ES", "Europe/Madrid");
    fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));

    Communication confirmation = awaitOne(patient, "appointment-confirmation");

    assertThat(confirmation.getLanguage()).isEqualTo("es");
    assertThat(confirmation.getPayloadFirstRep().getContentStringType().getValue()).startsWith("Hola Jordi");
  }

  @Test
  void rescheduling_sendsAMovedNotice_withOldAndNewTime_andReplansTheReminders() {
    String patient = fixtures.patient("Noah", "en", "America/New_York");
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String id = appointment.getIdElement().getIdPart();
    Instant oldStart = appointment.getStart().toInstant();
    awaitOne(patient, "appointment-confirmation");

    Instant newStart = oldStart.plus(Duration.ofDays(2));
    appointment.setStart(Date.from(newStart)).setEnd(Date.from(newStart.plus(Duration.ofMinutes(30))));
    fixtures.update(appointment);

    String text = awaitOne(patient, "appointment-moved").getPayloadFirstRep().getContentStringType().getValue();
    ZoneId newYork = ZoneId.of("America/New_York");
    DateTimeFormatter date = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(Locale.UK); // date-locales en: en-GB (config/application.yaml)
    assertThat(text).contains(date.format(oldStart.atZone(newYork))).contains(date.format(newStart.atZone(newYork)));
    Await.until("old reminders revoked, new ones pending", WAIT, () -> {
      List<PlannedMessageView> reminders = reminders(id);
      return reminders.stream().filter(m -> m.status() == PlannedMessageStatus.REVOKED).count() == 2
          && reminders.stream().filter(m -> m.status() == PlannedMessageStatus.PENDING)
              .allMatch(m -> m.messageKey().endsWith(newStart.toString()));
    });
  }

  @Test
  void cancellation_revokesTheReminders_andSendsACancellationNotice_withTheClinicsNumber() {
    String patient = fixtures.patient("Olivia", "en", null);
    String clinic = fixtures.location("Harbourview Clinic", "Europe/London", "+44 20 7946 0123");
    Appointment appointment = fixtures.book(patient, clinic, careLoop.clock().instant().plus(Duration.ofDays(3)));
    awaitOne(patient, "appointment-confirmation");

    fixtures.update(appointment.setStatus(AppointmentStatus.CANCELLED));

    assertThat(awaitOne(patient, "appointment-cancelled").getPayloadFirstRep().getContentStringType().getValue())
        .contains("cancelled").contains("+44 20 7946 0123");
    Await.until("reminders revoked", WAIT,
        () -> reminderStatuses(appointment.getIdElement().getIdPart()).stream().allMatch(s -> s == PlannedMessageStatus.REVOKED));
  }

  @Test
  void noShow_getsAWeMissedYouMessage() {
    String patient = fixtures.patient("Liam", "en", null);
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    awaitOne(patient, "appointment-confirmation");

    fixtures.update(appointment.setStatus(AppointmentStatus.NOSHOW));

    assertThat(awaitOne(patient, "appointment-missed").getPayloadFirstRep().getContentStringType().getValue())
        .contains("missed you");
    Await.until("reminders revoked", WAIT,
        () -> reminderStatuses(appointment.getIdElement().getIdPart()).stream().allMatch(s -> s == PlannedMessageStatus.REVOKED));
  }

  @Test
  void arrivalAndEnteredInError_revokeEverything_andSayNothing() {
    String patient = fixtures.patient("Emma", "en", null);
    Appointment arrived = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    Appointment mistaken = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(4)));
    Await.until("both confirmed", WAIT, () -> fixtures.communicationsFor(patient, "appointment-confirmation").size() == 2);

    fixtures.update(arrived.setStatus(AppointmentStatus.ARRIVED));
    fixtures.update(mistaken.setStatus(AppointmentStatus.ENTEREDINERROR));

    Await.until("every reminder revoked", WAIT, () ->
        reminderStatuses(arrived.getIdElement().getIdPart()).stream().allMatch(s -> s == PlannedMessageStatus.REVOKED)
            && reminderStatuses(mistaken.getIdElement().getIdPart()).stream().allMatch(s -> s == PlannedMessageStatus.REVOKED));
    assertThat(fixtures.communicationsFor(patient)).hasSize(2)
        .allMatch(c -> c.getCategoryFirstRep().getCodingFirstRep().getCode().equals("appointment-confirmation"));
  }

  @Test
  void bookingOneHourBeforeTheStart_sendsOnlyWhatStillMakesSense() {
    String patient = fixtures.patient("Mia", "en", null);
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofMinutes(61)));

    awaitOne(patient, "appointment-confirmation");
    Await.until("the booking is processed", WAIT, () -> !careLoop.planned(appointment.getIdElement().getIdPart())
        .isEmpty());
    assertThat(reminders(appointment.getIdElement().getIdPart())).as("2 days and 2 hours before have both passed").isEmpty();
  }

  @Test
  void deceasedPatient_isNeverContacted() {
    String patientId = fixtures.patient("Ava", "en", null);
    Patient patient = ehr.client().read().resource(Patient.class).withId(patientId).execute();
    patient.setDeceased(new BooleanType(true));
    ehr.client().update().resource(patient).execute();
    Appointment appointment = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3)));

    Await.until("the booking is processed", WAIT, () -> careLoop.bean(org.springframework.jdbc.core.JdbcTemplate.class)
        .queryForObject("select count(*) from appointment_state where appointment_id = ?", Integer.class,
            appointment.getIdElement().getIdPart()) == 1);
    assertThat(careLoop.planned(appointment.getIdElement().getIdPart())).isEmpty();
    assertThat(fixtures.communicationsFor(patientId)).isEmpty();
  }

  @Test
  void deathRecordedAfterPlanning_stopsTheNextMessage_evenWithThePatientCached() {
    String patientId = fixtures.patient("Eli", "en", null);
    String id = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3))).getIdElement().getIdPart();
    awaitOne(patientId, "appointment-confirmation"); // CareLoop has read (and cached) the living patient

    Patient patient = ehr.client().read().resource(Patient.class).withId(patientId).execute();
    ehr.client().update().resource(patient.setDeceased(new BooleanType(true))).execute();
    Instant firstReminder = reminders(id).stream().map(PlannedMessageView::dueAt).min(Instant::compareTo).orElseThrow();
    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), firstReminder.plusSeconds(1)));

    PlannedMessageView skipped = Await.value("the reminder decided", WAIT, () -> reminders(id).stream()
        .filter(m -> m.dueAt().equals(firstReminder) && m.status() != PlannedMessageStatus.PENDING).findFirst().orElse(null));
    assertThat(skipped.status()).isEqualTo(PlannedMessageStatus.SKIPPED);
    assertThat(skipped.statusReason()).isEqualTo("the patient is recorded as deceased");
    assertThat(fixtures.communicationsFor(patientId, "appointment-reminder")).isEmpty();
  }

  @Test
  void optedOutPatient_getsNoneOfTheKindsRefused_andThePlanSaysWhy() {
    String patient = fixtures.patient("Isla", "en", null);
    fixtures.optOut(patient, "appointment-confirmation", "appointment-reminder");
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String id = appointment.getIdElement().getIdPart();

    PlannedMessageView confirmation = Await.value("the confirmation is decided", WAIT, () ->
        careLoop.planned(id, "appointment-confirmation").stream()
            .filter(m -> m.status() != PlannedMessageStatus.PENDING).findFirst().orElse(null));

    assertThat(confirmation.status()).isEqualTo(PlannedMessageStatus.SKIPPED);
    assertThat(confirmation.statusReason()).contains("opted out");
    assertThat(fixtures.communicationsFor(patient)).isEmpty();
  }

  private static Communication awaitOne(String patientId, String kind) {
    return Await.value("one " + kind + " for Patient/" + patientId, WAIT, () -> {
      List<Communication> found = fixtures.communicationsFor(patientId, kind);
      return found.size() == 1 ? found.get(0) : null;
    });
  }

  private static List<PlannedMessageView> reminders(String appointmentId) {
    return careLoop.planned(appointmentId, "appointment-reminder");
  }

  private static List<PlannedMessageStatus> reminderStatuses(String appointmentId) {
    return reminders(appointmentId).stream().map(PlannedMessageView::status).toList();
  }
}
