package health.careloop.intake;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A rest-hook Subscription with an empty {@code channel.payload} in the real sandbox EHR (HAPI JPA):
 * it posts to {@code /hook} itself, naming no resource, and CareLoop catches up with the EHR then.
 * CareLoop's own Subscriptions here match nothing and its scheduled catch-up is off, so the
 * Appointment can only have been found because of that notification.
 */
class PayloadlessSubscriptionIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr,
      IdOnlyNotificationIT.TOLD_BY_THE_TEST_ONLY);

  @Test
  void aSubscriptionWithAnEmptyPayload_getsItsAppointmentPlanned() {
    Subscription payloadless = new Subscription();
    payloadless.setStatus(Subscription.SubscriptionStatus.REQUESTED).setReason("CareLoop test: no payload")
        .setCriteria("Appointment?identifier=urn:careloop:test|payloadless");
    payloadless.getChannel().setType(Subscription.SubscriptionChannelType.RESTHOOK)
        .setEndpoint(careLoop.hookBaseUrl()).addHeader("Authorization: Bearer " + CareLoopInstance.SECRET);
    String subscription = ehr.client().create().resource(payloadless).execute().getId().getIdPart();
    try {
      Await.until("the payloadless Subscription active", WAIT, () -> ehr.subscriptionsDeliveringTo(careLoop.hookBaseUrl())
          .stream().anyMatch(sub -> sub.getStatus() == Subscription.SubscriptionStatus.ACTIVE));
      String patient = fixtures.patient("Pia", "en", null);
      Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
      appointment.addIdentifier().setSystem("urn:careloop:test").setValue("payloadless");
      String id = fixtures.update(appointment).getIdElement().getIdPart();

      Await.until("2 reminders pending", WAIT, () -> careLoop.planned(id, "appointment-reminder").stream()
          .filter(m -> m.status() == PlannedMessageStatus.PENDING).count() == 2);
      assertThat(careLoop.planned(id, "appointment-reminder")).hasSize(2);
    } finally {
      ehr.client().delete().resourceById("Subscription", subscription).execute();
    }
  }
}
