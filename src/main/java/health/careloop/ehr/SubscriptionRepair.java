package health.careloop.ehr;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;

/**
 * What one of CareLoop's Subscriptions in the EHR needs for the EHR's notifications to keep
 * reaching CareLoop (pure).
 */
public enum SubscriptionRepair {
  /** It is there, live, and delivers as CareLoop wants. */
  NONE,
  /** It is gone (deleted in the EHR): made again. */
  RECREATED,
  /** The EHR stopped it ({@code error} after failed deliveries, {@code off} by someone): set live again. */
  REACTIVATED,
  /**
   * Someone changed where or how it delivers, or what it matches (for a topic-based one: its topic,
   * filter, payload content or heartbeat too), or CareLoop's style changed: put back as CareLoop wants it.
   */
  CORRECTED;

  /** What {@code current} (empty: none in the EHR) needs to become {@code wanted}. */
  public static SubscriptionRepair needed(Optional<Subscription> current, Subscription wanted) {
    if (current.isEmpty()) {
      return RECREATED;
    }
    Subscription s = current.get();
    boolean sameDelivery = wanted.getCriteria().equals(s.getCriteria())
        && wanted.getChannel().getType() == s.getChannel().getType()
        && wanted.getChannel().getEndpoint().equals(s.getChannel().getEndpoint())
        && wanted.getChannel().getPayload().equals(s.getChannel().getPayload())
        && headers(wanted).equals(headers(s))
        && BackportSubscriptions.settings(wanted).equals(BackportSubscriptions.settings(s));
    if (!sameDelivery) {
      return CORRECTED;
    }
    // requested: the EHR has not taken it up yet (HAPI activates it within moments).
    boolean live = s.getStatus() == SubscriptionStatus.ACTIVE || s.getStatus() == SubscriptionStatus.REQUESTED;
    return live ? NONE : REACTIVATED;
  }

  private static List<String> headers(Subscription s) {
    return s.getChannel().getHeader().stream().map(StringType::getValue).toList();
  }
}
