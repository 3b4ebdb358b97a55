package health.careloop.intake;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import health.careloop.support.MutableClock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An EHR whose history is reset (a test environment wiped) or restored from a backup hands out ids
 * and version numbers again, for other content. Such a notification is the EHR's present state:
 * CareLoop plans from it and says, in its log and metrics, that the history was rewritten. A true
 * repeat (same version, same lastUpdated, same content) is still a duplicate.
 */
@ExtendWith(OutputCaptureExtension.class)
class RewrittenHistoryIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String REMINDER = "appointment-reminder";
  private static final String REWRITTEN = "careloop.ehr.history.rewritten";

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr);

  @Test
  void anEhrReset_reusingAnAppointmentsId_getsTheNewAppointmentPlannedAndSent_andIsReported(CapturedOutput log) {
    String id = "reset-" + UUID.randomUUID().toString().substring(0, 8);
    CareLoopInstance ours = CareLoopInstance.start(ehr.baseUrl(), MutableClock.startingNow(), Map.of());
    SandboxEhr resetEhr = null;
    try {
      ours.awaitSubscriptionsActive(ehr);
      Instant now = ours.clock().instant();
      String patientBefore = fixtures.patient("Ada", "en", null);
      Appointment v1 = fixtures.bookAs(id, patientBefore, null, now.plus(Duration.ofDays(3)));
      fixtures.update(moved(v1, now.plus(Duration.ofDays(4))));
      Appointment v3 = fixtures.update(moved(fixtures.read(id), now.plus(Duration.ofDays(5))));
      assertThat(v3.getMeta().getVersionId()).isEqualTo("3");
      Await.until("CareLoop planned from version 3", WAIT, () -> "3".equals(heldVersion(ours, id))
          && pending(ours, id).size() == 2);
      List<String> plannedBeforeTheReset = pending(ours, id).stream().map(PlannedMessageView::id).toList();

      // The EHR's test environment is wiped: an empty EHR where CareLoop points, with the same id
      // booked again, as version 1, for someone else.
      resetEhr = SandboxEhr.start(0, true);
      ours.restartAgainst(resetEhr);
      EhrFixtures afterReset = new EhrFixtures(resetEhr.client());
      String patientAfter = afterReset.patient("Zuleika", "fr", "Europe/Paris");
      Appointment reused = afterReset.bookAs(id, patientAfter, null, now.plus(Duration.ofDays(10)));
      assertThat(reused.getMeta().getVersionId()).isEqualTo("1");
      Instant newStart = reused.getStart().toInstant();

      Communication confirmation = Await.value("the confirmation of the appointment booked after the reset", WAIT,
          () -> afterReset.communicationsFor(patientAfter, "appointment-confirmation").stream().findFirst().orElse(null));
      assertThat(confirmation.getAboutFirstRep().getReference()).isEqualTo("Appointment/" + id);
      assertThat(confirmation.getRecipientFirstRep().getReference()).isEqualTo("Patient/" + patientAfter);
      assertThat(heldVersion(ours, id)).isEqualTo("1");
      assertThat(pending(ours, id)).hasSize(2).allSatisfy(m -> {
        assertThat(m.patientId()).isEqualTo(patientAfter);
        assertThat(m.messageKey()).endsWith(newStart.toString());
      });
      assertThat(ours.planned(id, REMINDER)).filteredOn(m -> plannedBeforeTheReset.contains(m.id()))
          .as("the reminders of the old history's version 3").hasSize(2)
          .allSatisfy(m -> assertThat(m.status()).isEqualTo(PlannedMessageStatus.REVOKED));
      assertThat(rewrites(ours)).isEqualTo(1.0);
      assertThat(log.getOut()).containsPattern("WARN .*Appointment/" + id + " version 1\\b.*history.*rewritten")
          .doesNotContain("Zuleika");
    } finally {
      ours.close();
      if (resetEhr != null) {
        resetEhr.close();
      }
    }
  }

  @Test
  void sameVersionAndLastUpdated_withOtherContent_isPlannedAsThePresentState_butATrueRepeatIsADuplicate()
      throws Exception {
    String patient = fixtures.patient("Cleo", "en", null);
    Appointment v1 = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String id = v1.getIdElement().getIdPart();
    Await.until("CareLoop planned from version 1", WAIT, () -> pendingFor(id, v1.getStart().toInstant()));

    // Version 1 again, with the same lastUpdated, but another start: what a restored EHR may send.
    Instant otherStart = v1.getStart().toInstant().plus(Duration.ofDays(3));
    Appointment otherVersion1 = moved(v1, otherStart);
    assertThat(careLoop.deliver(otherVersion1).statusCode()).isEqualTo(200);
    Await.until("the plan follows the other version 1", WAIT, () -> pendingFor(id, otherStart));
    assertThat(inboxRows(id)).isEqualTo(2);
    assertThat(rewrites(careLoop)).isEqualTo(1.0);

    // The same delivery again, and the EHR's own version 1 again: true repeats, nothing changes.
    assertThat(careLoop.deliver(otherVersion1).statusCode()).isEqualTo(200);
    assertThat(careLoop.deliver(fixtures.read(id)).statusCode()).isEqualTo(200);
    assertThat(inboxRows(id)).isEqualTo(2);
    assertThat(pendingFor(id, otherStart)).isTrue();
    assertThat(rewrites(careLoop)).isEqualTo(1.0);
  }

  private static Appointment moved(Appointment appointment, Instant start) {
    Appointment copy = appointment.copy();
    copy.setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
    return copy;
  }

  private static List<PlannedMessageView> pending(CareLoopInstance instance, String appointmentId) {
    return instance.planned(appointmentId, REMINDER).stream()
        .filter(m -> m.status() == PlannedMessageStatus.PENDING).toList();
  }

  /** Both reminders pending, of the appointment starting at {@code start} (a reminder's key ends with it). */
  private static boolean pendingFor(String appointmentId, Instant start) {
    List<PlannedMessageView> pending = pending(careLoop, appointmentId);
    return pending.size() == 2 && pending.stream().allMatch(m -> m.messageKey().endsWith(start.toString()));
  }

  private static String heldVersion(CareLoopInstance instance, String appointmentId) {
    return instance.bean(JdbcTemplate.class).queryForList(
        "select version_id from appointment_state where appointment_id = ?", String.class, appointmentId)
        .stream().findFirst().orElse(null);
  }

  private static int inboxRows(String appointmentId) {
    return careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from inbox_event where resource_type = 'Appointment' and resource_id = ?",
        Integer.class, appointmentId);
  }

  private static double rewrites(CareLoopInstance instance) {
    Counter counter = instance.bean(MeterRegistry.class).find(REWRITTEN).tag("type", "Appointment").counter();
    return counter == null ? 0 : counter.count();
  }
}
