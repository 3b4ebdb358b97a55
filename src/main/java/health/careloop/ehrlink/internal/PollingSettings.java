package health.careloop.ehrlink.internal;

import health.careloop.config.ConflictingSettingsException;
import health.careloop.ehr.EhrProperties;
import health.careloop.ehrlink.EhrLinkProperties;
import health.careloop.intake.CatchUpProperties;
import org.springframework.stereotype.Component;

/**
 * Refuses start-up with settings that do not go together with polling an EHR that cannot push
 * ({@code careloop.ehr.notifications: polling}): the catch-up search is then the only way CareLoop
 * hears of a change, so it cannot be switched off, and health cannot call a poll late before the
 * next one is even due.
 */
@Component
class PollingSettings {

  PollingSettings(EhrProperties ehr, CatchUpProperties catchUp, EhrLinkProperties limits) {
    check(ehr, catchUp, limits);
  }

  /** @throws ConflictingSettingsException naming the key to change */
  static void check(EhrProperties ehr, CatchUpProperties catchUp, EhrLinkProperties limits) {
    if (!ehr.polling()) {
      return;
    }
    if (!catchUp.enabled()) {
      throw new ConflictingSettingsException(CatchUpProperties.ENABLED_KEY,
          "false, but " + EhrProperties.NOTIFICATIONS_KEY + " is polling: CareLoop would never hear of a change",
          "Set " + CatchUpProperties.ENABLED_KEY + " to true, or " + EhrProperties.NOTIFICATIONS_KEY
              + " to subscriptions if the EHR can push");
    }
    if (limits.pollAgeAfter().compareTo(catchUp.pollingInterval()) <= 0) {
      throw new ConflictingSettingsException(EhrLinkProperties.POLL_AGE_AFTER_KEY,
          limits.pollAgeAfter() + " is not longer than " + CatchUpProperties.POLLING_INTERVAL_KEY + " ("
              + catchUp.pollingInterval() + "): every poll would look late",
          "Set " + EhrLinkProperties.POLL_AGE_AFTER_KEY + " to a few polling intervals (default PT5M)");
    }
  }
}
