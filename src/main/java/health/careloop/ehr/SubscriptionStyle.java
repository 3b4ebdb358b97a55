package health.careloop.ehr;

/** What kind of Subscriptions CareLoop keeps in the EHR ({@code careloop.subscriptions.style}). */
public enum SubscriptionStyle {
  /** FHIR R4 Subscriptions with search criteria: the EHR {@code PUT}s each resource to {@code /hook/{type}/{id}}. */
  CRITERIA,
  /** Subscriptions Backport IG: the EHR {@code POST}s notification Bundles to {@code /hook}. */
  TOPIC
}
