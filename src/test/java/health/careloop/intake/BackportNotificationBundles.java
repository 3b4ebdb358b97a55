package health.careloop.intake;

import health.careloop.ehr.BackportSubscriptions;
import java.util.Date;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * Notification Bundles shaped like the R4 examples of the Subscriptions Backport IG (v1.1.0): a
 * {@code history} Bundle whose first entry ({@code urn:uuid} fullUrl, a {@code GET …/$status}
 * request, response 200) is the SubscriptionStatus {@code Parameters}, with the
 * {@code events-since-subscription-start} and {@code event-number} as strings.
 */
final class BackportNotificationBundles {

  private BackportNotificationBundles() {}

  /** The IG's handshake: status requested, no events yet. */
  static Bundle handshake(String subscription, String topic) {
    return status(subscription, topic, "requested", "handshake", 0);
  }

  /** The IG's heartbeat: status active, the count of events so far. */
  static Bundle heartbeat(String subscription, String topic, long eventsSoFar) {
    return status(subscription, topic, "active", "heartbeat", eventsSoFar);
  }

  /** An event notification of event {@code number} carrying {@code resource} whole (full-resource). */
  static Bundle event(String subscription, String topic, long number, Resource resource) {
    Bundle bundle = status(subscription, topic, "active", "event-notification", number);
    Parameters status = (Parameters) bundle.getEntryFirstRep().getResource();
    var event = status.addParameter().setName("notification-event");
    event.addPart().setName("event-number").setValue(new StringType(Long.toString(number)));
    event.addPart().setName("timestamp").setValue(new InstantType(new Date()));
    String url = "http://ehr.example.org/fhir/" + resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    event.addPart().setName("focus").setValue(new Reference(url));
    bundle.addEntry().setFullUrl(url).setResource(resource)
        .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    bundle.getEntry().get(1).getResponse().setStatus("200");
    return bundle;
  }

  static Bundle status(String subscription, String topic, String subscriptionStatus, String type, long eventsSoFar) {
    Parameters status = new Parameters();
    String id = UUID.randomUUID().toString();
    status.setId(id);
    status.getMeta().addProfile(BackportSubscriptions.STATUS_PROFILE);
    status.addParameter().setName("subscription").setValue(new Reference(subscription));
    status.addParameter().setName("topic").setValue(new CanonicalType(topic));
    status.addParameter().setName("status").setValue(new CodeType(subscriptionStatus));
    status.addParameter().setName("type").setValue(new CodeType(type));
    status.addParameter().setName("events-since-subscription-start").setValue(new StringType(Long.toString(eventsSoFar)));
    Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
    bundle.setTimestamp(new Date());
    var entry = bundle.addEntry().setFullUrl("urn:uuid:" + id).setResource(status);
    entry.getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl(subscription + "/$status");
    entry.getResponse().setStatus("200");
    return bundle;
  }
}
