package health.careloop.intake.internal;

import health.careloop.rules.ResourceVersion;

/**
 * One version of one EHR resource, as delivered by a Subscription.
 *
 * @param fingerprint what tells this delivery from another of the same version ({@link DeliveryFingerprint})
 */
record Notification(String resourceType, String resourceId, ResourceVersion version, String json,
    String fingerprint) {}
