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
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Each transition of an Appointment's life, made in a real HAPI FHIR EHR, and what CareLoop writes
 * back for it. Notices due "now" go out at once (quiet hours are off here; see ReminderPlannerTest
 * and QuietHoursTest for them).
 */
class AppointmentLifecycleIT {

  // Generous: the first send after start-up waits for the profile validator, built in the background.
  private static final Duration WAIT = Duration.ofSeconds(90);

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
    Await.until("the 2 old reminders revoked, 2 of the new time pending", WAIT, () -> {
      List<PlannedMessageView> reminders = reminders(id);
      List<PlannedMessageView> pending = reminders.stream().filter(m -> m.status() == PlannedMessageStatus.PENDING).toList();
      return reminders.stream().filter(m -> m.status() == PlannedMessageStatus.REVOKED).count() == 2
          && pending.size() == 2 && pending.stream().allMatch(m -> m.messageKey().endsWith(newStart.toString()));
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
    awaitReminders(appointment.getIdElement().getIdPart(), PlannedMessageStatus.REVOKED);
  }

  @Test
  void noShow_getsAWeMissedYouMessage() {
    String patient = fixtures.patient("Liam", "en", null);
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    awaitOne(patient, "appointment-confirmation");

    fixtures.update(appointment.setStatus(AppointmentStatus.NOSHOW));

    assertThat(awaitOne(patient, "appointment-missed").getPayloadFirstRep().getContentStringType().getValue())
        .contains("missed you");
    awaitReminders(appointment.getIdElement().getIdPart(), PlannedMessageStatus.REVOKED);
  }

  @Test
  void noShowOfWeeksAgo_recordedStraightAsSuch_orCorrectedInBulk_getsNoMessage_butOneJustMissedDoes() {
    String patient = fixtures.patient("Leo", "en", null);
    Instant now = careLoop.clock().instant();
    // A migration: recorded straight as a no-show, three weeks after the start.
    String migrated = fixtures.appointment(patient, null, now.minus(Duration.ofDays(21)), AppointmentStatus.NOSHOW)
        .getIdElement().getIdPart();
    // A bulk correction: CareLoop had it as booked, but it is marked a no-show only weeks after the start.
    Appointment corrected = fixtures.book(patient, null, now.minus(Duration.ofDays(20)));
    awaitPlannedFrom(corrected.getIdElement().getIdPart(), "1");
    fixtures.update(corrected.setStatus(AppointmentStatus.NOSHOW));
    // Booked, and marked a no-show an hour after its start: the patient is told.
    Appointment justMissed = fixtures.book(patient, null, now.minus(Duration.ofHours(1)));
    awaitPlannedFrom(justMissed.getIdElement().getIdPart(), "1");
    fixtures.update(justMissed.setStatus(AppointmentStatus.NOSHOW));

    assertThat(awaitOne(patient, "appointment-missed").getAboutFirstRep().getReference())
        .isEqualTo("Appointment/" + justMissed.getIdElement().getIdPart());
    awaitPlannedFrom(migrated, "1");
    awaitPlannedFrom(corrected.getIdElement().getIdPart(), "2");
    assertThat(careLoop.planned(migrated)).isEmpty();
    assertThat(careLoop.planned(corrected.getIdElement().getIdPart())).isEmpty();
    assertThat(fixtures.communicationsFor(patient)).hasSize(1);
  }

  @Test
  void patientWhoDeclines_hasTheirPendingRemindersRevoked_andGetsNoReminder() {
    String patient = fixtures.patient("Ruby", "en", null);
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String id = appointment.getIdElement().getIdPart();
    awaitOne(patient, "appointment-confirmation");
    awaitReminders(id, PlannedMessageStatus.PENDING);

    appointment.getParticipant().stream().filter(p -> p.getActor().getReference().equals("Patient/" + patient))
        .forEach(p -> p.setStatus(ParticipationStatus.DECLINED));
    fixtures.update(appointment);

    awaitReminders(id, PlannedMessageStatus.REVOKED);
    careLoop.advanceClockTo(appointment.getStart().toInstant().minus(Duration.ofMinutes(1)));
    assertThat(fixtures.communicationsFor(patient, "appointment-reminder")).isEmpty();
    assertThat(fixtures.communicationsFor(patient)).as("the confirmation sent before the patient declined").hasSize(1);
  }

  @Test
  void arrivalAndEnteredInError_revokeEverything_andSayNothing() {
    String patient = fixtures.patient("Emma", "en", null);
    Appointment arrived = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    Appointment mistaken = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(4)));
    Await.until("both confirmed", WAIT, () -> fixtures.communicationsFor(patient, "appointment-confirmation").size() == 2);

    fixtures.update(arrived.setStatus(AppointmentStatus.ARRIVED));
    fixtures.update(mistaken.setStatus(AppointmentStatus.ENTEREDINERROR));

    awaitReminders(arrived.getIdElement().getIdPart(), PlannedMessageStatus.REVOKED);
    awaitReminders(mistaken.getIdElement().getIdPart(), PlannedMessageStatus.REVOKED);
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

    Await.until("the booking is processed", WAIT, () -> careLoop.bean(JdbcTemplate.class)
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

  @Test
  void permitConsentWithANestedDenyForReminders_stopsTheReminderAtSendTime_andNotTheConfirmation() {
    String patient = fixtures.patient("Maya", "en", null);
    // "CareLoop may message me, except reminders": the refusal is an exception nested in a permit.
    Consent.ProvisionComponent messagesButNoReminders = new Consent.ProvisionComponent()
        .setType(Consent.ConsentProvisionType.PERMIT);
    messagesButNoReminders.addProvision().setType(Consent.ConsentProvisionType.DENY)
        .addCode(EhrFixtures.messageKinds("appointment-reminder"));
    fixtures.consent(patient, messagesButNoReminders);
    String id = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3))).getIdElement().getIdPart();
    awaitOne(patient, "appointment-confirmation");

    Instant firstReminder = reminders(id).stream().map(PlannedMessageView::dueAt).min(Instant::compareTo).orElseThrow();
    careLoop.advanceClockTo(firstReminder.plusSeconds(1));

    PlannedMessageView reminder = reminders(id).stream().filter(m -> m.dueAt().equals(firstReminder)).findFirst().orElseThrow();
    assertThat(reminder.status()).isEqualTo(PlannedMessageStatus.SKIPPED);
    assertThat(reminder.statusReason()).isEqualTo("the patient has opted out of appointment-reminder messages");
    assertThat(fixtures.communicationsFor(patient, "appointment-reminder")).isEmpty();
  }

  /**
   * Waits until the appointment has its two reminders (2 days and 2 hours before: CareLoopInstance's
   * cadence), both in {@code status}. None at all is a failure, not a pass.
   */
  private static void awaitReminders(String appointmentId, PlannedMessageStatus status) {
    Await.until("Appointment/" + appointmentId + ": 2 reminders, both " + status, WAIT, () -> {
      List<PlannedMessageStatus> statuses = reminderStatuses(appointmentId);
      return statuses.size() == 2 && statuses.stream().allMatch(s -> s == status);
    });
  }

  /** Waits until CareLoop has planned from this version of the appointment. */
  private static void awaitPlannedFrom(String appointmentId, String versionId) {
    Await.until("Appointment/" + appointmentId + " version " + versionId + " planned from", WAIT, () ->
        careLoop.bean(JdbcTemplate.class).queryForList("select version_id from appointment_state where appointment_id = ?",
            String.class, appointmentId).contains(versionId));
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
