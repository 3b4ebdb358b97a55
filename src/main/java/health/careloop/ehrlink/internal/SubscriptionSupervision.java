package health.careloop.ehrlink.internal;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.careloop.ehr.EhrChanges;
import health.careloop.ehr.SubscriptionCheck;
import health.careloop.ehr.SubscriptionProperties;
import health.careloop.ehr.SubscriptionRegistrar;
import health.careloop.ehr.SubscriptionRepair;
import health.careloop.intake.IntakeStatus;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.RecurringWork;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Keeps the EHR's notifications coming. Every {@code careloop.subscriptions.check-every}, on one
 * replica: each of CareLoop's Subscriptions is read back from the EHR and repaired if it was
 * deleted, stopped ({@code error}, {@code off}) or changed; a type whose notifications have been
 * silent longer than {@code careloop.subscriptions.silence-alert-after} while the EHR changed
 * resources of it is reported. Either means notifications were missed, so a catch-up follows
 * (it searches Appointments; Encounters are not caught up on yet, see the hazard log). What it
 * found is recorded for every replica's health ({@link EhrLinkRecords}); the log has ids only.
 * While CareLoop polls the EHR ({@code careloop.ehr.notifications: polling}) there is nothing to
 * supervise: it keeps no Subscription there, and silence is what polling expects.
 */
@Component
class SubscriptionSupervision implements RecurringWork {

  private static final Logger log = LoggerFactory.getLogger(SubscriptionSupervision.class);

  private final SubscriptionRegistrar registrar;
  private final EhrChanges changes;
  private final IntakeStatus intake;
  private final EhrLinkRecords records;
  private final DeferredWork work;
  private final SubscriptionProperties properties;
  private final Clock clock;

  SubscriptionSupervision(SubscriptionRegistrar registrar, EhrChanges changes, IntakeStatus intake,
      EhrLinkRecords records, DeferredWork work, SubscriptionProperties properties, Clock clock) {
    this.registrar = registrar;
    this.changes = changes;
    this.intake = intake;
    this.records = records;
    this.work = work;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public WorkKind kind() {
    return WorkKind.SUPERVISE_SUBSCRIPTIONS;
  }

  @Override
  public Duration interval() {
    return properties.checkEvery();
  }

  @Override
  public void run() {
    if (registrar.polling()) {
      log.debug("EHR link not checked: CareLoop polls the EHR and keeps no Subscription in it");
      return;
    }
    Instant now = clock.instant();
    List<SubscriptionCheck> checks;
    try {
      checks = registrar.supervise();
    } catch (IllegalStateException notReady) {
      log.info("EHR link not checked: {}", notReady.getMessage());
      return;
    } catch (RuntimeException unreachable) {
      // Recorded, not thrown: the next check comes at its interval anyway, and health shows it meanwhile.
      records.ehr(now, false, problem(unreachable));
      log.warn("EHR link check: could not read CareLoop's Subscriptions from the EHR ({}); next check in {}",
          problem(unreachable), properties.checkEvery());
      return;
    }
    records.ehr(now, true, null);
    boolean catchUp = false;
    for (SubscriptionCheck check : checks) {
      records.subscription(check, now);
      if (check.repair() != SubscriptionRepair.NONE) {
        log.warn("Subscription {} for {} changes was {} in the EHR: {}; catching up on what it missed",
            check.subscriptionId(), check.resourceType(), check.statusFound(), check.repair());
        catchUp = true;
      }
    }
    Map<String, Instant> lastNotifications = intake.lastNotifications();
    for (SubscriptionCheck check : checks) {
      catchUp |= judgeSilence(check, Optional.ofNullable(lastNotifications.get(check.resourceType())), now);
    }
    if (catchUp) {
      work.runNow(WorkKind.CATCH_UP);
    }
  }

  /** True if the type's Subscription has missed notifications. */
  private boolean judgeSilence(SubscriptionCheck check, Optional<Instant> lastNotification, Instant now) {
    String type = check.resourceType();
    Optional<Instant> repaired = check.repair() == SubscriptionRepair.NONE ? Optional.empty() : Optional.of(now);
    Instant from = Silence.from(lastNotification, repaired, records.silenceFrom(type), now);
    Silence.Judgement judgement;
    try {
      judgement = Silence.judge(from, now, properties.silenceAlertAfter(),
          () -> changes.count(type, from, now.minus(Silence.IN_FLIGHT)));
    } catch (RuntimeException e) {
      log.warn("EHR link check: could not count the EHR's {} changes ({})", type, problem(e));
      return false;
    }
    String detail = switch (judgement.verdict()) {
      case HEARD -> null;
      case QUIET -> "no notification, and no change in the EHR, since " + from;
      case SILENT -> "no notification since " + from + " although the EHR changed " + judgement.changes()
          + " " + type + " resources since";
    };
    records.silence(type, now, judgement, detail);
    if (judgement.verdict() == Silence.Verdict.SILENT) {
      log.warn("Subscription {}: no {} notification since {} although the EHR changed {} since; catching up",
          check.subscriptionId(), type, from, judgement.changes());
      return true;
    }
    return false;
  }

  /** What went wrong, without what the EHR may have put in its answer (it could name a patient). */
  private static String problem(RuntimeException e) {
    if (e instanceof BaseServerResponseException response) {
      return "HTTP " + response.getStatusCode() + " " + e.getClass().getSimpleName();
    }
    return e.getClass().getSimpleName();
  }
}
