package health.careloop.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import health.careloop.support.SendGate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A message is sent to the EHR outside any transaction: while its send waits on the EHR (held here
 * by {@link SendGate}), its planned_message row is not locked, and a cancellation arriving then is
 * not lost and does not revoke the message under the send: the replan waits for the send's outcome
 * and then does what it would have done had the send finished first.
 */
class DispatchOutsideTransactionIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr,
      Map.of("careloop.reminders.confirmation", "false"), SendGate.class);

  @Test
  void whileTheEhrIsAsked_theRowIsNotLocked_andACancellationThenWaitsForTheSend_andIsNotLost()
      throws InterruptedException {
    String patient = fixtures.patient("Held", "en", null);
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String appointmentId = appointment.getIdElement().getIdPart();
    Await.until("two reminders planned", WAIT, () -> careLoop.planned(appointmentId).size() == 2);
    PlannedMessageView first = careLoop.planned(appointmentId).stream()
        .min(java.util.Comparator.comparing(PlannedMessageView::dueAt)).orElseThrow();
    SendGate gate = careLoop.bean(SendGate.class);
    gate.hold(patient);

    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), first.dueAt().plusSeconds(1)));
    try {
      gate.awaitHeld(patient, WAIT);

      assertThat(lockAtOnce(first.id())).as("the row is free while the EHR is asked").isEqualTo(first.id());

      fixtures.update(fixtures.read(appointmentId).setStatus(AppointmentStatus.CANCELLED));
      Await.until("the cancellation tried, and waiting for the send", WAIT, () -> cancellationTries(appointmentId) > 0);
      assertThat(status(appointmentId, first.id())).as("not revoked under its send")
          .isEqualTo(PlannedMessageStatus.PENDING);
    } finally {
      gate.release(patient);
    }

    // The send ends: the EHR's Appointment is cancelled by then, so the send-time check skips it.
    Await.until("the held reminder's outcome recorded", WAIT,
        () -> status(appointmentId, first.id()) != PlannedMessageStatus.PENDING);
    assertThat(status(appointmentId, first.id())).isIn(PlannedMessageStatus.SKIPPED, PlannedMessageStatus.SENT);

    careLoop.advanceClock(Duration.ofMinutes(1));
    Await.until("the cancellation processed", WAIT, () -> "PROCESSED".equals(jdbc().queryForObject(
        "select outcome from inbox_event where resource_id = ? and version_id = '2'", String.class, appointmentId)));
    List<PlannedMessageView> plan = careLoop.planned(appointmentId);
    assertThat(plan).filteredOn(m -> m.kind().equals("appointment-reminder") && !m.id().equals(first.id()))
        .singleElement().extracting(PlannedMessageView::status).isEqualTo(PlannedMessageStatus.REVOKED);
    assertThat(plan).filteredOn(m -> m.kind().equals("appointment-cancelled")).hasSize(1);
    assertThat(fixtures.communicationsFor(patient, "appointment-reminder")).hasSizeLessThanOrEqualTo(
        status(appointmentId, first.id()) == PlannedMessageStatus.SENT ? 1 : 0);
  }

  /** Locks the row with NOWAIT in a transaction of its own: fails at once if another holds it. */
  private static String lockAtOnce(String plannedMessageId) {
    TransactionTemplate transaction = careLoop.bean(TransactionTemplate.class);
    return transaction.execute(status -> jdbc().queryForObject(
        "select id from planned_message where id = ? for update nowait", String.class, plannedMessageId));
  }

  /** How often the notification of the cancellation (version 2) was tried and failed. */
  private static int cancellationTries(String appointmentId) {
    Long eventId = jdbc().queryForList("select id from inbox_event where resource_id = ? and version_id = '2'",
        Long.class, appointmentId).stream().findFirst().orElse(null);
    if (eventId == null) {
      return 0;
    }
    return jdbc().queryForList("select consecutive_failures from intake_scheduled_tasks where task_instance = ?",
        Integer.class, eventId.toString()).stream().filter(java.util.Objects::nonNull).findFirst().orElse(0);
  }

  private static PlannedMessageStatus status(String appointmentId, String plannedMessageId) {
    return careLoop.planned(appointmentId).stream().filter(m -> m.id().equals(plannedMessageId))
        .findFirst().orElseThrow().status();
  }

  private static JdbcTemplate jdbc() {
    return careLoop.bean(JdbcTemplate.class);
  }
}
