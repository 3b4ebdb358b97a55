package health.careloop.intake.internal;

import health.careloop.rules.ResourceVersion;

/** One version of one EHR resource, as delivered by a Subscription. */
record Notification(String resourceType, String resourceId, ResourceVersion version, String json) {}
