package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.CareLoopFhir;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.CommitFault;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
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
 * when CareLoop fails between writing a Communication and committing that it did, and the
 * scheduler runs the dispatch again.
 */
class SendTimeChecksIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String REMINDER = "appointment-reminder";

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop =
      CareLoopInstance.onSandbox(ehr, Map.of("careloop.reminders.confirmation", "false"), CommitFault.class);

  @Test
  void cancellationWhoseNotificationIsLost_theReminderIsSkippedAtSendTime() {
    String patient = fixtures.patient("Noor", "en", "Europe/London");
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String id = appointment.getIdElement().getIdPart();
    Await.until("the reminders are planned", WAIT, () -> careLoop.planned(id, REMINDER).size() == 2);

    // The EHR stops notifying CareLoop (as if every delivery had failed), then the appointment is cancelled.
    for (Subscription subscription : ehr.subscriptionsDeliveringTo(careLoop.hookBaseUrl())) {
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
  void crashBetweenTheEhrWriteAndTheCommit_theSchedulersRetryWritesNoSecondCommunication_andThePlanEndsSentOnce() {
    String patient = fixtures.patient("Sami", "en", "Europe/London");
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String id = appointment.getIdElement().getIdPart();
    Await.until("the reminders are planned", WAIT, () -> careLoop.planned(id, REMINDER).size() == 2);
    PlannedMessageView first = careLoop.planned(id, REMINDER).stream()
        .min(Comparator.comparing(PlannedMessageView::dueAt)).orElseThrow();
    CommitFault crash = careLoop.bean(CommitFault.class);
    crash.failOnceAfterSending(id);

    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), first.dueAt().plusSeconds(1)));
    Await.until("the dispatch's commit failed after the Communication was written", WAIT,
        () -> crash.failedCommits() == 1);
    // The plan first: the scheduler's retry comes after its back-off of a few seconds.
    assertThat(status(id, first)).as("the commit of SENT was lost").isEqualTo(PlannedMessageStatus.PENDING);
    assertThat(withKey(fixtures.communicationsFor(patient, REMINDER), first.messageKey()))
        .as("the Communication is in the EHR").hasSize(1);

    // The scheduler retries the failed job after its back-off, through the same dispatch path.
    careLoop.advanceClockTo(careLoop.clock().instant().plus(Duration.ofMinutes(1)));

    PlannedMessageView sent = Await.value("the retry records the message as sent", WAIT, () -> careLoop.planned(id, REMINDER)
        .stream().filter(m -> m.id().equals(first.id()) && m.status() == PlannedMessageStatus.SENT).findFirst().orElse(null));
    List<Communication> inTheEhr = withKey(fixtures.communicationsFor(patient, REMINDER), first.messageKey());
    assertThat(inTheEhr).as("one Communication with the message key, however often it was dispatched")
        .extracting(c -> "Communication/" + c.getIdElement().getIdPart()).containsExactly(sent.communicationId());
    assertThat(careLoop.planned(id, REMINDER)).filteredOn(m -> m.messageKey().equals(first.messageKey()))
        .as("one planned message for the key, sent once").extracting(PlannedMessageView::status)
        .containsExactly(PlannedMessageStatus.SENT);
    assertThat(crash.failedCommits()).as("the fault struck once; the retry went through").isEqualTo(1);
  }

  private static PlannedMessageStatus status(String appointmentId, PlannedMessageView message) {
    return careLoop.planned(appointmentId, REMINDER).stream().filter(m -> m.id().equals(message.id()))
        .findFirst().orElseThrow().status();
  }

  private static List<Communication> withKey(List<Communication> communications, String messageKey) {
    return communications.stream().filter(c -> c.getIdentifier().stream()
        .anyMatch(i -> CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM.equals(i.getSystem()) && messageKey.equals(i.getValue())))
        .toList();
  }
}
