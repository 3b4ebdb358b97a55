package health.careloop.summaries.referrals.internal;

import health.careloop.intake.AppointmentChanged;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.WorkKind;
import health.careloop.summaries.referrals.ReferralProperties;
import health.careloop.summaries.referrals.ReferralTaskRule;
import java.time.Clock;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Closes CareLoop's Task for a referral as soon as an Appointment based on it is booked, rather than
 * at the next day's sweep. Runs inside the inbox transaction (see intake's InboxProcessor), so it
 * only submits the work: the EHR is written afterwards ({@link ReferralTaskCloser}), and a slow EHR
 * never holds the inbox. The work exists only if the inbox transaction commits.
 */
@Component
class ReferralBookings {

  private final ReferralTaskStore store;
  private final DeferredWork work;
  private final ReferralProperties properties;
  private final Clock clock;

  ReferralBookings(ReferralTaskStore store, DeferredWork work, ReferralProperties properties, Clock clock) {
    this.store = store;
    this.work = work;
    this.properties = properties;
    this.clock = clock;
  }

  @EventListener
  void on(AppointmentChanged event) {
    AppointmentSnapshot appointment = event.appointment();
    if (!properties.enabled() || !ReferralTaskRule.BOOKING_STATUSES.contains(appointment.status())) {
      return;
    }
    for (String referralId : appointment.basedOnServiceRequestIds()) {
      if (store.byReferral(referralId).filter(task -> task.isOpen()).isPresent()) {
        work.submit(WorkKind.CLOSE_REFERRAL_TASK, referralId, clock.instant());
      }
    }
  }
}
