package health.careloop.ehrlink.internal;

import health.careloop.ehr.SubscriptionRepair;
import health.careloop.ehrlink.EhrLinkProperties;
import health.careloop.intake.IntakeStatus.CatchUpFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The EHR link as CareLoop's database shows it at one moment: the last supervision's findings,
 * notifications, catch-up and backlog. Ids, statuses, times and counts: nothing about a patient.
 *
 * <p>While CareLoop polls the EHR ({@code polling}), the catch-up is the link: a failed poll, or a
 * last successful one older than {@code careloop.ehr-link.poll-age-after}, is what warns, and what
 * a supervision of Subscriptions recorded before (in another mode) is not looked at.
 */
record EhrLinkSnapshot(
    Instant at,
    boolean polling,
    Optional<EhrLinkRecords.EhrReach> ehr,
    List<EhrLinkRecords.Checked> subscriptions,
    List<EhrLinkRecords.SilenceState> silences,
    Map<String, Instant> lastNotifications,
    Map<String, Instant> caughtUpTo,
    Map<String, CatchUpFailure> catchUpFailures,
    long pendingInboxEvents,
    long overdueMessages,
    long failedMessagesLast24h) {

  /** How far behind CareLoop's view of {@code resourceType} is, if it is caught up on at all. */
  Optional<Duration> catchUpLag(String resourceType) {
    return Optional.ofNullable(caughtUpTo.get(resourceType)).map(t -> Duration.between(t, at));
  }

  /** How long ago the last notification of {@code resourceType} arrived, if one ever did. */
  Optional<Duration> notificationAge(String resourceType) {
    return Optional.ofNullable(lastNotifications.get(resourceType)).map(t -> Duration.between(t, at));
  }

  /**
   * The type's last failed catch-up search, if none has succeeded since (its search began later):
   * CareLoop's view of the type is not being brought up to date.
   */
  Optional<CatchUpFailure> failingSince(String resourceType) {
    Optional<Instant> upTo = Optional.ofNullable(caughtUpTo.get(resourceType));
    return Optional.ofNullable(catchUpFailures.get(resourceType))
        .filter(f -> upTo.isEmpty() || f.at().isAfter(upTo.get()));
  }

  /** What an operator should look at; empty if nothing. Each names ids, statuses or counts only. */
  List<String> warnings(EhrLinkProperties limits) {
    List<String> warnings = polling ? pollingWarnings(limits) : subscriptionWarnings(limits);
    if (overdueMessages > 0) {
      warnings.add(overdueMessages + " planned messages overdue by more than " + limits.overdueAfter());
    }
    if (failedMessagesLast24h > 0) {
      warnings.add(failedMessagesLast24h + " messages failed in the last 24 hours");
    }
    return warnings;
  }

  private List<String> pollingWarnings(EhrLinkProperties limits) {
    List<String> warnings = new ArrayList<>();
    Set<String> types = new TreeSet<>(caughtUpTo.keySet());
    types.addAll(catchUpFailures.keySet());
    for (String type : types) {
      failingSince(type).ifPresent(f -> warnings.add("polling the EHR for " + type + " changes failed at " + f.at()
          + " (" + f.problem() + ")"));
      catchUpLag(type).filter(age -> age.compareTo(limits.pollAgeAfter()) > 0)
          .ifPresent(age -> warnings.add("the last successful poll of " + type + " was " + age.toSeconds()
              + " seconds ago (more than " + limits.pollAgeAfter() + ")"));
    }
    return warnings;
  }

  private List<String> subscriptionWarnings(EhrLinkProperties limits) {
    List<String> warnings = new ArrayList<>();
    ehr.filter(e -> !e.reachable()).ifPresent(e -> warnings.add("the EHR could not be reached at the last check ("
        + e.problem() + ")"));
    for (EhrLinkRecords.Checked checked : subscriptions) {
      if (checked.check().repair() != SubscriptionRepair.NONE) {
        warnings.add("Subscription " + checked.check().subscriptionId() + " (" + checked.check().resourceType()
            + ") was " + checked.check().statusFound() + " and was " + checked.check().repair().name().toLowerCase()
            + " at the last check");
      }
    }
    for (EhrLinkRecords.SilenceState silence : silences) {
      if (silence.verdict() == Silence.Verdict.SILENT) {
        warnings.add(silence.resourceType() + " notifications silent: " + silence.detail());
      }
    }
    caughtUpTo.keySet().forEach(type -> catchUpLag(type).filter(lag -> lag.compareTo(limits.catchUpLagAfter()) > 0)
        .ifPresent(lag -> warnings.add("catch-up of " + type + " lags " + lag.toMinutes() + " minutes")));
    return warnings;
  }
}
