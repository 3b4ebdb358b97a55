package health.careloop.ehr;

/**
 * Published when an attempt to register CareLoop's Subscriptions in the EHR failed (the EHR could not
 * be reached, or refused): registration is tried again in the background. For work that waits for
 * the registration only so as not to run beside its round trips ({@code writeback.ProfileCheck}'s
 * warm-up), not for anything that needs the Subscriptions ({@link SubscriptionsRegistered} is that).
 */
public record SubscriptionsNotRegistered() {}
