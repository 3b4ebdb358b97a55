package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import health.careloop.CareLoopFhir;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * An older CareLoop's Subscriptions deliver to {@code <public base>/fhir}, which now takes no
 * notifications: at start-up they move to {@code <public base>/hook}, updated in place (the same
 * Subscriptions, by id), and the EHR's next booking still reaches CareLoop. Its own sandbox EHR, so
 * that the only CareLoop Subscriptions in it are the ones this test made.
 */
class SubscriptionEndpointMoveIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  private static SandboxEhr ehr;
  private static EhrFixtures fixtures;

  @BeforeAll
  static void startTheEhr() {
    ehr = SandboxEhr.start(0, true);
    fixtures = new EhrFixtures(ehr.client());
  }

  @AfterAll
  static void stopTheEhr() {
    if (ehr != null) {
      ehr.close();
    }
  }

  @Test
  void subscriptionsOfAnOlderCareLoop_deliveringToFhir_moveToTheHookInPlace_andABookingStillGetsItsCommunication() {
    int port = freePort();
    String oldEndpoint = "http://localhost:" + port + "/fhir";
    String appointments = olderCareLoopsSubscription("appointment", "Appointment?", oldEndpoint);
    String encounters = olderCareLoopsSubscription("encounter", "Encounter?", oldEndpoint);
    Await.until("the older CareLoop's Subscriptions are active", WAIT, () -> ehr.subscriptionsDeliveringTo(oldEndpoint)
        .stream().filter(s -> s.getStatus() == SubscriptionStatus.ACTIVE).count() == 2);

    try (CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of("server.port", port))) {
      careLoop.beforeAll(null);

      List<Subscription> ours = careLoopSubscriptions();
      assertThat(ours).extracting(s -> s.getIdElement().getIdPart()).as("the same Subscriptions, none added")
          .containsExactlyInAnyOrder(appointments, encounters);
      assertThat(ours).allSatisfy(s -> {
        assertThat(s.getChannel().getEndpoint()).isEqualTo(careLoop.hookBaseUrl())
            .isEqualTo("http://localhost:" + port + "/hook");
        assertThat(s.getStatus()).isEqualTo(SubscriptionStatus.ACTIVE);
        assertThat(s.getIdElement().getVersionIdPart()).as("updated, not recreated").isNotEqualTo("1");
      });
      assertThat(ehr.subscriptionsDeliveringTo(oldEndpoint)).isEmpty();

      String patient = fixtures.patient("Morgan", "en", "Europe/London");
      String booked = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
          .getIdElement().getIdPart();
      List<Communication> confirmation = Await.value("the booking's confirmation in the EHR", WAIT, () -> {
        List<Communication> found = fixtures.communicationsFor(patient, "appointment-confirmation");
        return found.isEmpty() ? null : found;
      });
      assertThat(confirmation).hasSize(1);
      assertThat(confirmation.get(0).getAboutFirstRep().getReference()).endsWith("Appointment/" + booked);
    }
  }

  /** A Subscription as CareLoop made them before the hook had a base of its own. */
  private static String olderCareLoopsSubscription(String code, String criteria, String endpoint) {
    Subscription subscription = new Subscription();
    subscription.getMeta().addTag(new Coding(CareLoopFhir.SUBSCRIPTION_TAG_SYSTEM, code, "CareLoop " + code + " changes"));
    subscription.setStatus(SubscriptionStatus.REQUESTED);
    subscription.setReason("CareLoop plans patient messages from " + code + " changes");
    subscription.setCriteria(criteria);
    subscription.getChannel().setType(SubscriptionChannelType.RESTHOOK).setEndpoint(endpoint)
        .setPayload("application/fhir+json")
        .setHeader(List.of(new StringType("Authorization: Bearer " + CareLoopInstance.SECRET)));
    return ehr.client().create().resource(subscription).execute().getId().getIdPart();
  }

  private static List<Subscription> careLoopSubscriptions() {
    return ehr.client().search().forResource(Subscription.class)
        .where(new TokenClientParam("_tag").exactly().systemAndValues(
            CareLoopFhir.SUBSCRIPTION_TAG_SYSTEM, "appointment", "encounter"))
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute().getEntry().stream()
        .map(e -> (Subscription) e.getResource()).toList();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
