package health.careloop.ehr;

/**
 * How CareLoop hears of the EHR's changes ({@code careloop.ehr.notifications}).
 */
public enum NotificationMode {
  /**
   * The EHR pushes: CareLoop keeps rest-hook Subscriptions in it (registered, read back, repaired)
   * and catches up by search every {@code careloop.catch-up.interval} as a safety net.
   */
  SUBSCRIPTIONS,
  /**
   * The EHR cannot push: CareLoop keeps no Subscription in it and searches it for changes by
   * {@code _lastUpdated} every {@code careloop.catch-up.polling-interval}. A change reaches CareLoop
   * up to one interval late; none is missed while the search succeeds.
   */
  POLLING
}
