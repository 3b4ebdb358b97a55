package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the registrar tells the rest of CareLoop about an attempt that failed. */
class SubscriptionRegistrarTest {

  private final IGenericClient ehr = mock(IGenericClient.class);
  private final List<Object> published = new ArrayList<>();
  private final SubscriptionRegistrar registrar = new SubscriptionRegistrar(ehr,
      new SubscriptionProperties("test-subscription-secret-0123456789", null, "Appointment?", "Encounter?",
          Duration.ofMinutes(5), Duration.ofHours(6), SubscriptionStyle.CRITERIA,
          new TopicSubscriptions(null, null, TopicSubscriptions.PayloadContent.FULL_RESOURCE, Duration.ofMinutes(5))),
      new EhrProperties(URI.create("http://localhost:1/fhir"), null, Duration.ofSeconds(5), Duration.ofSeconds(20),
          Duration.ofMinutes(5), NotificationMode.SUBSCRIPTIONS, Duration.ofMinutes(10)),
      published::add);

  @AfterEach
  void stopTheRetries() {
    registrar.stop();
  }

  /**
   * An unreachable EHR: the attempt's end is published, so that what only waited for it to be out
   * of the way (the profile check's warm-up) need not wait for a retry that may never succeed.
   */
  @Test
  void anAttemptThatFails_isPublishedAsNotRegistered_andNotAsRegistered() {
    when(ehr.search()).thenThrow(new FhirClientConnectionException("connection refused"));

    registrar.registerOrRetry(URI.create("http://localhost:8080/hook"));

    assertThat(published).containsExactly(new SubscriptionsNotRegistered());
    assertThat(registrar.registered()).isFalse();
  }
}
