package health.careloop.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.ehr.FhirExtensions;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reminder planned for the day that becomes due at night (here: the patient's time zone changed
 * in the EHR after planning) is not sent at night: it is deferred to the end of quiet hours.
 */
class QuietHoursAtSendTimeIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
      "careloop.delivery.quiet-hours.enabled", "true",
      "careloop.delivery.quiet-hours.start", "21:00",
      "careloop.delivery.quiet-hours.end", "08:00",
      "careloop.reminders.confirmation", "false"));

  @Test
  void reminderDueAtNightInTheRecipientsZone_isDeferredToTheMorning() {
    Instant now = careLoop.clock().instant();
    ZoneId day = zoneWhereTheLocalHourIs(now, 13);
    ZoneId night = zoneWhereTheLocalHourIs(now, 2);
    String patientId = fixtures.patient("Nora", "en", day.getId());
    Appointment appointment = fixtures.book(patientId, null, now.plus(Duration.ofDays(3)));
    String id = appointment.getIdElement().getIdPart();
    Instant start = appointment.getStart().toInstant();
    Await.until("the reminders are planned", WAIT, () -> reminders(id).size() == 2);

    Patient patient = ehr.client().read().resource(Patient.class).withId(patientId).execute();
    patient.getExtensionByUrl(FhirExtensions.TIME_ZONE).setValue(new CodeType(night.getId()));
    ehr.client().update().resource(patient).execute();
    Instant due = reminders(id).stream().map(PlannedMessageView::dueAt).min(Instant::compareTo).orElseThrow();
    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), due.plusSeconds(1)));

    PlannedMessageView deferred = Await.value("the first reminder deferred", WAIT, () -> reminders(id).stream()
        .filter(m -> m.status() == PlannedMessageStatus.SKIPPED).findFirst().orElse(null));
    assertThat(deferred.statusReason()).startsWith("deferred to").contains("quiet hours in " + night.getId());
    PlannedMessageView again = reminders(id).stream()
        .filter(m -> m.messageKey().equals(deferred.messageKey()) && m.status() == PlannedMessageStatus.PENDING)
        .findFirst().orElseThrow();
    assertThat(again.dueAt().atZone(night).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
    assertThat(again.dueAt()).isBefore(start);
    assertThat(fixtures.communicationsFor(patientId)).isEmpty();
  }

  /** An IANA fixed-offset zone (Etc/GMT±n) where it is about {@code hour} o'clock at {@code now}. */
  private static ZoneId zoneWhereTheLocalHourIs(Instant now, int hour) {
    int utcHour = now.atZone(ZoneId.of("UTC")).getHour();
    int offset = Math.floorMod(hour - utcHour + 12, 24) - 12; // -12..+11
    // Etc/GMT zones carry the POSIX sign: Etc/GMT-3 is UTC+3.
    return ZoneId.of(offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
  }

  private static List<PlannedMessageView> reminders(String appointmentId) {
    return careLoop.planned(appointmentId, "appointment-reminder");
  }
}
