package health.careloop.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A plan made before CareLoop stops is carried out, once, by the CareLoop that starts next. */
class ReminderSurvivesRestartIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr);

  @Test
  void restartBetweenPlanAndDueTime_theReminderIsStillSentOnce() {
    String patient = fixtures.patient("Robin", "en", "Europe/London");
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String id = appointment.getIdElement().getIdPart();
    Instant start = appointment.getStart().toInstant();
    Await.until("the reminders are planned", WAIT, () -> statuses(id).size() == 2);

    careLoop.restart();
    careLoop.awaitSubscriptionsActive(ehr);
    assertThat(statuses(id)).containsOnly(PlannedMessageStatus.PENDING);
    assertThat(careLoopSubscriptionsInTheEhr()).as("a restart updates CareLoop's Subscriptions, never adds one")
        .hasSize(2);

    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), start.minus(Duration.ofDays(2)).plusSeconds(1)));
    List<Communication> sent = Await.value("the reminder in the EHR", WAIT, () -> {
      List<Communication> found = fixtures.communicationsFor(patient, "appointment-reminder");
      return found.isEmpty() ? null : found;
    });
    Await.until("the plan records it as sent", WAIT, () -> statuses(id).contains(PlannedMessageStatus.SENT));

    careLoop.restart();
    careLoop.advanceClockTo(careLoop.clock().instant().plus(Duration.ofMinutes(1)));
    assertThat(fixtures.communicationsFor(patient, "appointment-reminder"))
        .extracting(c -> c.getIdElement().getIdPart()).containsExactly(sent.get(0).getIdElement().getIdPart());
    assertThat(statuses(id)).containsExactlyInAnyOrder(PlannedMessageStatus.SENT, PlannedMessageStatus.PENDING);
  }

  private static List<Subscription> careLoopSubscriptionsInTheEhr() {
    return ehr.client().search().forResource(Subscription.class)
        .where(new TokenClientParam("_tag").exactly().systemAndValues(
            "https://careloop.health/fhir/CodeSystem/subscription", "appointment", "encounter"))
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute().getEntry().stream()
        .map(e -> (Subscription) e.getResource()).toList();
  }

  private static List<PlannedMessageStatus> statuses(String appointmentId) {
    return careLoop.planned(appointmentId, "appointment-reminder").stream().map(PlannedMessageView::status).toList();
  }
}
