package health.careloop.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.CareLoopFhir;
import health.careloop.ehr.FhirExtensions;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A reminder planned for the day that becomes due at night (here: the patient's time zone changed
 * in the EHR after planning) is not sent at night: it is deferred to the end of quiet hours. It
 * stays the one planned message it was (one CommunicationRequest, still active), whose due time
 * moves, and a restart in between neither loses it nor sends it early.
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
  void reminderDueAtNightInTheRecipientsZone_staysOneActiveRequest_movedToTheMorning_andIsSentOnceThen() {
    Instant now = careLoop.clock().instant();
    ZoneId day = zoneWhereTheLocalHourIs(now, 13);
    ZoneId night = zoneWhereTheLocalHourIs(now, 2);
    String patientId = fixtures.patient("Nora", "en", day.getId());
    Appointment appointment = fixtures.book(patientId, null, now.plus(Duration.ofDays(3)));
    String id = appointment.getIdElement().getIdPart();
    Instant start = appointment.getStart().toInstant();
    Await.until("the reminders are planned", WAIT, () -> reminders(id).size() == 2);
    PlannedMessageView first = reminders(id).stream().min(Comparator.comparing(PlannedMessageView::dueAt)).orElseThrow();

    Patient patient = ehr.client().read().resource(Patient.class).withId(patientId).execute();
    patient.getExtensionByUrl(FhirExtensions.TIME_ZONE).setValue(new CodeType(night.getId()));
    ehr.client().update().resource(patient).execute();
    careLoop.advanceClockTo(first.dueAt().plusSeconds(1));

    CommunicationRequest deferred = Await.value("the first reminder moved", WAIT, () -> requests(first.messageKey())
        .stream().filter(r -> r.getMeta().getLastUpdated().toInstant().isAfter(first.updatedAt())).findFirst().orElse(null));
    assertThat(requests(first.messageKey())).as("a deferral is no withdrawal: one request, the same, still active")
        .extracting(r -> r.getIdElement().getIdPart() + " " + r.getStatus().toCode())
        .containsExactly(first.id() + " active");
    assertThat(requests(first.messageKey())).singleElement().satisfies(request -> {
      Instant moved = request.getOccurrenceDateTimeType().getValue().toInstant();
      assertThat(moved.atZone(night).toLocalTime()).isEqualTo(LocalTime.of(8, 0));
      assertThat(moved).isAfter(first.dueAt()).isBefore(start);
      assertThat(request.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("deferred");
      assertThat(request.getStatusReason().getText()).contains("quiet hours in " + night.getId());
      CareLoopProfileValidator.get().assertValid(request);
    });
    assertThat(reminders(id)).as("no second planned message").hasSize(2);
    assertThat(fixtures.communicationsFor(patientId)).isEmpty();

    // CareLoop stops after the deferral was committed but before db-scheduler removed the job it
    // used up: on the next start that job is revived (put back, due now), as a dead execution is.
    careLoop.bean(JdbcTemplate.class).update("insert into scheduled_tasks (task_name, task_instance, execution_time,"
        + " picked, version) values ('dispatch-message', ?, ?, false, 1)", first.id(),
        Timestamp.from(careLoop.clock().instant()));
    careLoop.restart();
    careLoop.awaitSubscriptionsActive(ehr);
    careLoop.advanceClockTo(careLoop.clock().instant().plus(Duration.ofMinutes(1)));
    assertThat(requests(first.messageKey())).as("the used-up job neither sends early nor moves the message again")
        .singleElement().satisfies(request -> {
          assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.ACTIVE);
          assertThat(request.getMeta().getLastUpdated()).isEqualTo(deferred.getMeta().getLastUpdated());
          assertThat(request.getOccurrenceDateTimeType().getValue())
              .isEqualTo(deferred.getOccurrenceDateTimeType().getValue());
        });
    assertThat(fixtures.communicationsFor(patientId)).isEmpty();

    careLoop.advanceClockTo(deferred.getOccurrenceDateTimeType().getValue().toInstant().plusSeconds(1));

    CommunicationRequest sent = Await.value("the moved reminder sent", WAIT, () -> requests(first.messageKey()).stream()
        .filter(r -> r.getStatus() == CommunicationRequestStatus.COMPLETED).findFirst().orElse(null));
    assertThat(requests(first.messageKey())).as("one request for the message, now completed")
        .extracting(r -> r.getIdElement().getIdPart() + " " + r.getStatus().toCode())
        .containsExactly(sent.getIdElement().getIdPart() + " completed");
    assertThat(fixtures.communicationsFor(patientId)).singleElement().satisfies(c ->
        assertThat(c.getIdentifierFirstRep().getValue()).isEqualTo(first.messageKey()));
  }

  /** The CommunicationRequests CareLoop's façade shows for a message key, as an integrator searches them. */
  private static List<CommunicationRequest> requests(String messageKey) {
    return careLoop.clientFor(careLoop.fhirBaseUrl()).search().forResource(CommunicationRequest.class)
        .where(CommunicationRequest.IDENTIFIER.exactly().systemAndCode(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM, messageKey))
        .returnBundle(Bundle.class).execute().getEntry().stream()
        .map(e -> (CommunicationRequest) e.getResource()).toList();
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
