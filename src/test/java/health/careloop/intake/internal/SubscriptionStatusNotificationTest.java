package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.careloop.intake.internal.SubscriptionStatusNotification.Kind;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;

class SubscriptionStatusNotificationTest {

  /** The IG's R4 id-only example's shape: event 2, its focus, the entry with fullUrl and request only. */
  private static final String ID_ONLY = """
      {"resourceType": "Bundle", "type": "history", "timestamp": "2020-05-29T11:44:13.1882432-05:00",
       "entry": [
        {"fullUrl": "urn:uuid:292d3c72-edc1-4d8a-afaa-d85e19c7f563",
         "resource": {"resourceType": "Parameters", "id": "292d3c72-edc1-4d8a-afaa-d85e19c7f563",
          "meta": {"profile": ["http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/backport-subscription-status-r4"]},
          "parameter": [
           {"name": "subscription", "valueReference": {"reference": "https://example.org/fhir/Subscription/admission"}},
           {"name": "topic", "valueCanonical": "http://hl7.org/SubscriptionTopic/admission"},
           {"name": "status", "valueCode": "active"},
           {"name": "type", "valueCode": "event-notification"},
           {"name": "events-since-subscription-start", "valueString": "2"},
           {"name": "notification-event", "part": [
             {"name": "event-number", "valueString": "2"},
             {"name": "timestamp", "valueInstant": "2020-05-29T11:44:13.1882432-05:00"},
             {"name": "focus", "valueReference": {"reference": "https://example.org/fhir/Encounter/86009987-eabe-42bf-8c02-b112b18cb616"}}]}]},
         "request": {"method": "GET", "url": "https://example.org/fhir/Subscription/admission/$status"},
         "response": {"status": "200"}},
        {"fullUrl": "https://example.org/fhir/Encounter/86009987-eabe-42bf-8c02-b112b18cb616",
         "request": {"method": "POST", "url": "Encounter"}, "response": {"status": "201"}}]}
      """;

  @Test
  void anIdOnlyNotification_isRead_withItsNumbersAndEntries() {
    SubscriptionStatusNotification n = SubscriptionStatusNotification.of(parse(ID_ONLY));

    assertThat(n.type()).isEqualTo(Kind.EVENT_NOTIFICATION);
    assertThat(n.subscription()).isEqualTo("Subscription/admission");
    assertThat(n.topic()).contains("http://hl7.org/SubscriptionTopic/admission");
    assertThat(n.eventsSinceStart()).hasValue(2);
    assertThat(n.eventNumbers()).containsExactly(2L);
    assertThat(n.highestEventNumber()).hasValue(2);
    assertThat(n.entries()).hasSize(1);
  }

  @Test
  void aBundleNotOfTypeHistory_isRefused() {
    Bundle bundle = parse(ID_ONLY).setType(Bundle.BundleType.TRANSACTION);

    assertThatThrownBy(() -> SubscriptionStatusNotification.of(bundle))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("CL-1120");
  }

  @Test
  void anUnknownType_isRefused() {
    Bundle bundle = parse(ID_ONLY.replace("\"event-notification\"", "\"something-else\""));

    assertThatThrownBy(() -> SubscriptionStatusNotification.of(bundle))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("CL-1122");
  }

  @Test
  void anEventNumberThatIsNoNumber_isRefused_withoutRepeatingIt() {
    Bundle bundle = parse(ID_ONLY.replace("{\"name\": \"event-number\", \"valueString\": \"2\"}",
        "{\"name\": \"event-number\", \"valueString\": \"two\"}"));

    assertThatThrownBy(() -> SubscriptionStatusNotification.of(bundle))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("CL-1124").hasMessageNotContaining("two");
  }

  @Test
  void aSubscriptionReferenceWithoutAFhirId_isRefused() {
    Bundle bundle = parse(ID_ONLY.replace("https://example.org/fhir/Subscription/admission\"}", "Subscription/not an id\"}"));

    assertThatThrownBy(() -> SubscriptionStatusNotification.of(bundle))
        .isInstanceOf(InvalidRequestException.class).hasMessageStartingWith("CL-1123");
  }

  private static Bundle parse(String json) {
    return FhirContext.forR4Cached().newJsonParser().parseResource(Bundle.class, json);
  }
}
