package health.careloop.ehrlink.internal;

import health.careloop.ehr.SubscriptionRegistrar;
import health.careloop.ehrlink.EhrLinkProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The {@code ehrLink} health component: UP, or {@link #WARNING} (HTTP 200) when an operator should
 * look (the EHR unreachable at the last check, a Subscription that had to be repaired, notifications
 * silent while the EHR changed, catch-up lagging, messages overdue or failed; while CareLoop polls
 * the EHR: a failed poll, or a last successful one too old). Never DOWN: the EHR
 * or a backlog is no reason to restart CareLoop or take it out of the load balancer, and it is not
 * in the liveness or readiness group.
 *
 * <p>Answers from {@link EhrLinkSnapshots} (CareLoop's database, cached for seconds), never by
 * calling the EHR: a slow EHR must not make health hang. Details (shown only where
 * {@code management.endpoint.health.show-details} allows) hold ids, statuses, times and counts.
 */
@Component
class EhrLinkHealthIndicator implements HealthIndicator {

  /** Someone should look; CareLoop still works. Ordered between OUT_OF_SERVICE and UP, mapped to 200. */
  static final Status WARNING = new Status("WARNING", "CareLoop works, but its link to the EHR needs a look");

  private final EhrLinkSnapshots snapshots;
  private final SubscriptionRegistrar registrar;
  private final EhrLinkProperties limits;

  EhrLinkHealthIndicator(EhrLinkSnapshots snapshots, SubscriptionRegistrar registrar, EhrLinkProperties limits) {
    this.snapshots = snapshots;
    this.registrar = registrar;
    this.limits = limits;
  }

  @Override
  public Health health() {
    EhrLinkSnapshot s;
    try {
      s = snapshots.current();
    } catch (DataAccessException e) {
      // The database's own health component reports the database.
      return Health.unknown().withDetail("problem", "CareLoop's database could not be read").build();
    }
    List<String> warnings = s.warnings(limits);
    Health.Builder health = warnings.isEmpty() ? Health.up() : Health.status(WARNING);
    if (s.polling()) {
      pollingDetails(health, s);
    } else {
      subscriptionDetails(health, s);
    }
    health.withDetail("backlog", details("pendingInboxEvents", s.pendingInboxEvents(),
        "overdueMessages", s.overdueMessages(), "overdueAfter", limits.overdueAfter().toString(),
        "failedMessagesLast24h", s.failedMessagesLast24h()));
    if (!warnings.isEmpty()) {
      health.withDetail("warnings", warnings);
    }
    return health.build();
  }

  /** Per type: the last successful poll (when its search began), its age, and a failure since. */
  private void pollingDetails(Health.Builder health, EhrLinkSnapshot s) {
    health.withDetail("notifications", "polling");
    Map<String, Object> polls = new LinkedHashMap<>();
    for (String type : registrar.resourceTypes()) {
      polls.put(type, details("lastSuccessfulPoll", s.caughtUpTo().get(type),
          "ageSeconds", s.catchUpLag(type).map(d -> d.toSeconds()).orElse(null),
          "failedAt", s.failingSince(type).map(f -> f.at()).orElse(null),
          "problem", s.failingSince(type).map(f -> f.problem()).orElse(null)));
    }
    health.withDetail("polling", polls);
  }

  private void subscriptionDetails(Health.Builder health, EhrLinkSnapshot s) {
    health.withDetail("notifications", "subscriptions");
    health.withDetail("ehr", s.ehr().<Object>map(e -> details("reachable", e.reachable(), "checkedAt", e.checkedAt(),
        "problem", e.problem())).orElse("not checked yet"));
    health.withDetail("subscriptionsRegistered", registrar.registered());
    Map<String, Object> subscriptions = new LinkedHashMap<>();
    s.subscriptions().forEach(c -> subscriptions.put(c.check().resourceType(), details(
        "id", c.check().subscriptionId(), "statusFound", c.check().statusFound(), "repair", c.check().repair().name(),
        "checkedAt", c.checkedAt())));
    health.withDetail("subscriptions", subscriptions.isEmpty() ? "not checked yet" : subscriptions);
    Map<String, Object> notifications = new LinkedHashMap<>();
    for (String type : registrar.resourceTypes()) {
      Object silence = s.silences().stream().filter(x -> x.resourceType().equals(type)).findFirst()
          .map(x -> x.verdict().name()).orElse("not judged yet");
      notifications.put(type, details("lastReceivedAt", s.lastNotifications().get(type),
          "ageSeconds", s.notificationAge(type).map(d -> d.toSeconds()).orElse(null), "silence", silence));
    }
    health.withDetail("lastNotification", notifications);
    Map<String, Object> catchUp = new LinkedHashMap<>();
    s.caughtUpTo().forEach((type, upTo) -> catchUp.put(type, details("caughtUpTo", upTo,
        "lagSeconds", s.catchUpLag(type).map(d -> d.toSeconds()).orElse(null))));
    health.withDetail("catchUp", catchUp);
  }

  /** A map of the pairs whose value is not null, in order. */
  private static Map<String, Object> details(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        map.put((String) pairs[i], pairs[i + 1] instanceof java.time.Instant t ? t.toString() : pairs[i + 1]);
      }
    }
    return map;
  }
}
