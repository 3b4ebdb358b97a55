package health.careloop.intake.internal;

import health.careloop.rules.ResourceVersion;

/**
 * One version of one EHR resource, as delivered by a Subscription or found by a catch-up search.
 *
 * @param fingerprint what tells this delivery from another of the same version ({@link DeliveryFingerprint})
 * @param caughtUp found by a catch-up search (or the first start's backfill), not notified: what
 *     it plans to go out at once is spread out ({@code careloop.catch-up.max-sends-per-minute})
 */
record Notification(String resourceType, String resourceId, ResourceVersion version, String json,
    String fingerprint, boolean caughtUp) {}
