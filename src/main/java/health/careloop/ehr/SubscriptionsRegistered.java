package health.careloop.ehr;

/**
 * Published once CareLoop's Subscriptions are in the EHR after start-up: from now on the EHR
 * notifies every change, so a catch-up run now closes the gap behind (nothing can fall between).
 */
public record SubscriptionsRegistered() {}
