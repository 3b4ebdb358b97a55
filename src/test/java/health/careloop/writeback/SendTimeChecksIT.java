package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.compose.RenderedMessage;
import health.careloop.rules.MessageKind;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What stops a wrong message when the notification that should have withdrawn it never came
 * (HAPI gives up on a rest-hook after about a minute of failures), and what stops a second copy
 * when a send is retried after its Communication was already written.
 */
class SendTimeChecksIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String REMINDER = "appointment-reminder";

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop =
      CareLoopInstance.onSandbox(ehr, Map.of("careloop.reminders.confirmation", "false"));

  @Test
  void cancellationWhoseNotificationIsLost_theReminderIsSkippedAtSendTime() {
    String patient = fixtures.patient("Noor", "en", "Europe/London");
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String id = appointment.getIdElement().getIdPart();
    Await.until("the reminders are planned", WAIT, () -> careLoop.planned(id, REMINDER).size() == 2);

    // The EHR stops notifying CareLoop (as if every delivery had failed), then the appointment is cancelled.
    for (Subscription subscription : ehr.subscriptionsDeliveringTo(careLoop.fhirBaseUrl())) {
      ehr.client().update().resource(subscription.setStatus(Subscription.SubscriptionStatus.OFF)).execute();
    }
    fixtures.update(fixtures.read(id).setStatus(AppointmentStatus.CANCELLED));
    Instant firstDue = careLoop.planned(id, REMINDER).stream().map(PlannedMessageView::dueAt).min(Instant::compareTo)
        .orElseThrow();
    careLoop.advanceClockTo(firstDue.plusSeconds(1));

    PlannedMessageView first = careLoop.planned(id, REMINDER).stream()
        .filter(m -> m.dueAt().equals(firstDue)).findFirst().orElseThrow();
    assertThat(first.status()).as("the plan never heard of the cancellation: only the send-time check stops it")
        .isEqualTo(PlannedMessageStatus.SKIPPED);
    assertThat(first.statusReason()).isEqualTo("the appointment is now cancelled");
    assertThat(fixtures.communicationsFor(patient, REMINDER)).isEmpty();
  }

  @Test
  void aSendRetriedAfterTheCommunicationWasWritten_findsTheOneAlreadyThere() {
    String patient = fixtures.patient("Sami", "en", "Europe/London");
    Instant start = Instant.parse("2030-01-01T09:00:00Z");
    Instant sent = start.minus(Duration.ofDays(2));
    DueMessage message = new DueMessage("pm-retry", "Appointment/a-" + patient + ":Patient/" + patient
        + ":reminder-P2D:" + start, MessageKind.APPOINTMENT_REMINDER, "a-" + patient, patient, start, sent, null, false, null);
    RenderedMessage text = new RenderedMessage(MessageKind.APPOINTMENT_REMINDER, "en", "Hello");
    CommunicationWriter writer = careLoop.bean(CommunicationWriter.class);

    String written = writer.write(CommunicationTranslator.toCommunication(message, List.of(), null, text, sent));
    // The crash came after the write, before the commit: the scheduler runs the same message again.
    String retried = writer.write(CommunicationTranslator.toCommunication(message, List.of(), null, text, sent));

    assertThat(retried).isEqualTo(written);
    List<Communication> inTheEhr = fixtures.communicationsFor(patient, REMINDER);
    assertThat(inTheEhr).extracting(c -> "Communication/" + c.getIdElement().getIdPart()).containsExactly(written);
  }
}
