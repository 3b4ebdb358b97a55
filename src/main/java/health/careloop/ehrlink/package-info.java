/**
 * The link to the EHR, watched: CareLoop's Subscriptions read back and repaired, silence noticed,
 * each followed by a catch-up ({@code internal.SubscriptionSupervision}); and what an operator
 * sees of it: the {@code ehrLink} health component and the backlog gauges. It reads the other
 * modules through their public interfaces only (ehr's registrar, intake's status and catch-up,
 * schedule's backlog).
 */
package health.careloop.ehrlink;
