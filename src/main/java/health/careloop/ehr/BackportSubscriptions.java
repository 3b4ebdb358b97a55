package health.careloop.ehr;

import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.UnsignedIntType;

/**
 * The FHIR R4 Subscriptions Backport IG (http://hl7.org/fhir/uv/subscriptions-backport, v1.1.0) as
 * CareLoop uses it: the shape of a topic-based Subscription, and the names of what its notifications
 * carry.
 */
public final class BackportSubscriptions {

  private static final String IG = "http://hl7.org/fhir/uv/subscriptions-backport/StructureDefinition/";
  public static final String SUBSCRIPTION_PROFILE = IG + "backport-subscription";
  public static final String STATUS_PROFILE = IG + "backport-subscription-status-r4";
  public static final String FILTER_CRITERIA = IG + "backport-filter-criteria";
  public static final String PAYLOAD_CONTENT = IG + "backport-payload-content";
  public static final String HEARTBEAT_PERIOD = IG + "backport-heartbeat-period";

  private BackportSubscriptions() {}

  /**
   * Makes {@code s} (a rest-hook Subscription with its endpoint and header set) a topic-based one:
   * the profile, the topic as its {@code criteria}, {@code filter} (e.g. {@code Appointment?}) as its
   * filter criteria, the payload content and the heartbeat period.
   */
  static void onTopic(Subscription s, String topic, String filter, TopicSubscriptions settings) {
    s.getMeta().addProfile(SUBSCRIPTION_PROFILE);
    s.setCriteria(topic);
    s.getCriteriaElement().addExtension(FILTER_CRITERIA, new StringType(filter));
    s.getChannel().getPayloadElement().addExtension(PAYLOAD_CONTENT, new CodeType(settings.payloadContent().code()));
    s.getChannel().addExtension(HEARTBEAT_PERIOD, new UnsignedIntType(settings.heartbeatPeriod().toSeconds()));
  }

  /** The Backport IG's extensions on a Subscription, as {@code url=value}: what a repair compares. */
  static List<String> settings(Subscription s) {
    return java.util.stream.Stream.of(s.getCriteriaElement(), s.getChannel().getPayloadElement(), s.getChannel())
        .flatMap(e -> backportExtensions(e).stream()).toList();
  }

  private static List<String> backportExtensions(Element element) {
    return element.getExtension().stream().filter(e -> e.getUrl() != null && e.getUrl().startsWith(IG))
        .map(BackportSubscriptions::asText).toList();
  }

  private static String asText(Extension e) {
    return e.getUrl() + "=" + (e.getValue() == null ? "" : e.getValue().primitiveValue());
  }
}
