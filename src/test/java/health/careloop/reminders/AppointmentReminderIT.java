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
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * End to end against a real HAPI FHIR JPA server as the EHR: appointments are made through its
 * FHIR API, its rest-hook Subscriptions notify CareLoop, and the Communications appear in it.
 * Time is CareLoop's {@link MutableClock}; nothing sleeps.
 */
class AppointmentReminderIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String REMINDER = "appointment-reminder";

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr);

  @Test
  void bookedAppointment_getsExactlyOneReminder_inThePatientsLanguageAndTimeZone() {
    String patient = fixtures.patient("Camille", "fr-FR", "Europe/Paris");
    String location = fixtures.location("Clinique du Parc", "Europe/Paris");
    Appointment appointment = fixtures.book(patient, location, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String id = appointment.getIdElement().getIdPart();
    Instant start = appointment.getStart().toInstant();

    List<PlannedMessageView> plan = awaitPending(id, 2);
    assertThat(plan).extracting(PlannedMessageView::dueAt)
        .containsExactlyInAnyOrder(start.minus(Duration.ofDays(2)), start.minus(Duration.ofHours(2)));

    careLoop.advanceClockTo(start.minus(Duration.ofDays(2)).plusSeconds(1));
    Communication sent = awaitCommunications(patient, 1).get(0);

    assertThat(sent.getIdentifierFirstRep().getSystem()).isEqualTo("https://careloop.health/fhir/sid/message");
    assertThat(sent.getIdentifierFirstRep().getValue()).startsWith("Appointment/" + id + ":Patient/" + patient);
    assertThat(sent.getStatus()).isEqualTo(Communication.CommunicationStatus.COMPLETED);
    assertThat(sent.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("appointment-reminder");
    assertThat(sent.getSubject().getReference()).isEqualTo("Patient/" + patient);
    assertThat(sent.getRecipientFirstRep().getReference()).isEqualTo("Patient/" + patient);
    assertThat(sent.getAboutFirstRep().getReference()).isEqualTo("Appointment/" + id);
    assertThat(sent.getMediumFirstRep().getCodingFirstRep().getCode()).isEqualTo("ONLINEWRIT");
    assertThat(sent.getLanguage()).isEqualTo("fr");
    String parisTime = DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(Locale.FRENCH)
        .format(start.atZone(ZoneId.of("Europe/Paris")));
    assertThat(sent.getPayloadFirstRep().getContentStringType().getValue())
        .startsWith("Bonjour Camille").contains(parisTime).contains("Clinique du Parc");
    assertThat(CareLoopProfileValidator.get().errors(sent)).isEmpty();
    assertThat(plannedStatuses(id)).containsExactlyInAnyOrder(PlannedMessageStatus.SENT, PlannedMessageStatus.PENDING);

    // Time moves on, the scheduler runs again: still exactly one Communication for that reminder.
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(60));
    assertThat(fixtures.communicationsFor(patient, REMINDER)).hasSize(1);
  }

  @Test
  void repeatedAndOutOfOrderNotifications_changeNothing_andTheNewestVersionWins() throws Exception {
    String patient = fixtures.patient("Sam", "en", "America/New_York");
    Appointment v1 = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(4)));
    String id = v1.getIdElement().getIdPart();
    awaitPending(id, 2);
    Instant secondStart = v1.getStart().toInstant().plus(Duration.ofDays(1));
    Instant thirdStart = v1.getStart().toInstant().plus(Duration.ofDays(2));

    // Version 3 reaches CareLoop before version 2 (two EHR nodes, a retry that overtakes ...). It
    // was written after version 2, which the EHR writes below: an older version written after the
    // one CareLoop holds would come from a rewritten history, not late.
    Appointment v3 = moved(v1, thirdStart);
    v3.getMeta().setVersionId("3").setLastUpdated(Date.from(Instant.now().plus(Duration.ofHours(1))));
    assertThat(careLoop.deliver(v3).statusCode()).isEqualTo(200);
    Await.until("the plan follows version 3", WAIT, () -> pendingStartsAre(id, thirdStart));

    // Now the EHR really makes versions 2 and 3 and notifies both, in order.
    Appointment v2InEhr = fixtures.update(moved(fixtures.read(id), secondStart));
    assertThat(v2InEhr.getMeta().getVersionId()).isEqualTo("2");
    Await.until("version 2 is processed", WAIT, () -> inboxOutcomes(id, "2").equals(List.of("PROCESSED")));
    assertThat(pendingStartsAre(id, thirdStart)).as("the late version 2 did not undo version 3").isTrue();

    Appointment v3InEhr = fixtures.update(moved(fixtures.read(id), thirdStart));
    assertThat(v3InEhr.getMeta().getVersionId()).isEqualTo("3");
    assertThat(careLoop.deliver(v3InEhr).statusCode()).isEqualTo(200);
    assertThat(careLoop.deliver(v3InEhr).statusCode()).isEqualTo(200);
    Await.until("every notification is processed", WAIT, () -> jdbc().queryForObject(
        "select count(*) from inbox_event where resource_id = ? and outcome = 'PENDING'", Integer.class, id) == 0);

    // The EHR's own version 3 is not the hand-made one (another lastUpdated): a rewrite of version 3,
    // stored once however often it comes.
    assertThat(jdbc().queryForList("select version_id from inbox_event where resource_id = ? order by id",
        String.class, id)).as("one inbox row per delivery, in arrival order").containsExactly("1", "3", "2", "3");
    assertThat(jdbc().queryForList("select rewrites_version from inbox_event where resource_id = ? order by id",
        Boolean.class, id)).containsExactly(false, false, false, true);
    assertThat(jdbc().queryForObject("select version_id from appointment_state where appointment_id = ?",
        String.class, id)).isEqualTo("3");
    assertThat(pendingStartsAre(id, thirdStart)).isTrue();

    careLoop.advanceClockTo(thirdStart.minus(Duration.ofDays(2)).plusSeconds(1));
    List<Communication> sent = awaitCommunications(patient, 1);
    assertThat(sent.get(0).getIdentifierFirstRep().getValue()).endsWith(thirdStart.toString());
    assertThat(sent.get(0).getPayloadFirstRep().getContentStringType().getValue())
        .contains(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(Locale.UK) /* date-locales en: en-GB */
            .format(thirdStart.atZone(ZoneId.of("America/New_York"))));
  }

  private static Appointment moved(Appointment appointment, Instant start) {
    Appointment copy = appointment.copy();
    copy.setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
    return copy;
  }

  private static boolean pendingStartsAre(String appointmentId, Instant start) {
    List<PlannedMessageView> pending = pending(appointmentId);
    return pending.size() == 2 && pending.stream().allMatch(m -> m.messageKey().endsWith(start.toString()));
  }

  private static List<String> inboxOutcomes(String appointmentId, String versionId) {
    return jdbc().queryForList("select outcome from inbox_event where resource_id = ? and version_id = ?",
        String.class, appointmentId, versionId);
  }

  @Test
  void cancelledBeforeTheDueTime_nothingIsSent() {
    String patient = fixtures.patient("Alex", "en", null);
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String id = appointment.getIdElement().getIdPart();
    awaitPending(id, 2);

    appointment.setStatus(Appointment.AppointmentStatus.CANCELLED);
    fixtures.update(appointment);
    Await.until("the reminders are revoked", WAIT, () -> plannedStatuses(id).stream()
        .allMatch(s -> s == PlannedMessageStatus.REVOKED) && plannedStatuses(id).size() == 2);
    assertThat(jdbc().queryForObject(
        "select count(*) from scheduled_tasks where task_name = 'dispatch-message' and task_instance in "
            + "(select id from planned_message where appointment_id = ? and kind = 'appointment-reminder')",
        Integer.class, id))
        .as("no reminder dispatch left in the scheduler").isZero();

    careLoop.advanceClockTo(appointment.getStart().toInstant().minusSeconds(60));
    assertThat(fixtures.communicationsFor(patient, REMINDER)).isEmpty();
    assertThat(plannedStatuses(id)).containsOnly(PlannedMessageStatus.REVOKED);
  }

  /** Moves CareLoop's clock and waits until the scheduler has nothing due left. */
  private static List<PlannedMessageView> awaitPending(String appointmentId, int count) {
    return Await.value(count + " pending reminders for Appointment/" + appointmentId, WAIT, () -> {
      List<PlannedMessageView> pending = pending(appointmentId);
      return pending.size() == count ? pending : null;
    });
  }

  private static List<PlannedMessageView> pending(String appointmentId) {
    return reminders(appointmentId).stream().filter(m -> m.status() == PlannedMessageStatus.PENDING).toList();
  }

  private static List<PlannedMessageStatus> plannedStatuses(String appointmentId) {
    return reminders(appointmentId).stream().map(PlannedMessageView::status).toList();
  }

  private static List<PlannedMessageView> reminders(String appointmentId) {
    return careLoop.planned(appointmentId, REMINDER);
  }

  private static List<Communication> awaitCommunications(String patientId, int count) {
    return Await.value(count + " reminder(s) for Patient/" + patientId + " in the EHR", WAIT, () -> {
      List<Communication> found = fixtures.communicationsFor(patientId, REMINDER);
      return found.size() == count ? found : null;
    });
  }

  private static JdbcTemplate jdbc() {
    return careLoop.bean(JdbcTemplate.class);
  }
}
