package health.careloop.ehr;

import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How CareLoop's Subscriptions look when {@code careloop.subscriptions.style} is {@code topic}: FHIR
 * R4 Subscriptions of the Subscriptions Backport IG (v1.1.0), one per resource type, each on a topic
 * the EHR defines, filtered by CareLoop's criteria for the type.
 *
 * @param appointment the canonical URL of the EHR's topic for Appointment changes
 * @param encounter the canonical URL of the EHR's topic for Encounter changes
 * @param payloadContent what each notification carries: the resources ({@code full-resource}), their
 *     ids only, read back from the EHR ({@code id-only}), or nothing, caught up on by search ({@code empty})
 * @param heartbeatPeriod how often the EHR is asked to send a heartbeat while there is nothing to
 *     notify (an EHR may not send any: silence is judged against the EHR's changes, not heartbeats alone)
 */
public record TopicSubscriptions(
    @DefaultValue("https://careloop.health/fhir/SubscriptionTopic/appointment-changed") String appointment,
    @DefaultValue("https://careloop.health/fhir/SubscriptionTopic/encounter-changed") String encounter,
    @DefaultValue("full-resource") PayloadContent payloadContent,
    @DefaultValue("PT5M") @DurationMin(seconds = 1, message = "must be at least 1 second") Duration heartbeatPeriod) {

  /** The IG's {@code backport-content-value-set}. */
  public enum PayloadContent {
    EMPTY("empty"), ID_ONLY("id-only"), FULL_RESOURCE("full-resource");

    private final String code;

    PayloadContent(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** The topic of {@code resourceType}'s changes. */
  public String topicOf(String resourceType) {
    return "Encounter".equals(resourceType) ? encounter : appointment;
  }

  /** The resource type whose changes {@code topicUrl} notifies, or null if it is none of CareLoop's topics. */
  public String resourceTypeOf(String topicUrl) {
    if (appointment.equals(topicUrl)) {
      return "Appointment";
    }
    return encounter.equals(topicUrl) ? "Encounter" : null;
  }
}
