package health.careloop.summaries.referrals.internal;

import health.careloop.schedule.WorkHandler;
import health.careloop.schedule.WorkKind;
import health.careloop.summaries.referrals.Referral;
import health.careloop.summaries.referrals.ReferralTaskRule;
import health.careloop.summaries.referrals.ReferralTaskTranslator;
import health.careloop.summaries.referrals.ReferralTaskView;
import health.careloop.summaries.referrals.TaskClosing;
import java.time.Clock;
import java.util.Optional;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Closes CareLoop's open Task for a referral once the referral is booked or over, as the EHR holds
 * it now: for the sweep, and as deferred work when a booking is heard of
 * ({@link WorkKind#CLOSE_REFERRAL_TASK}). Only CareLoop's own Task (found by its identifier) is
 * ever written; one staff have already closed is left as they left it, and recorded as closed.
 */
@Component
class ReferralTaskCloser implements WorkHandler {

  private static final Logger log = LoggerFactory.getLogger(ReferralTaskCloser.class);

  private final EhrReferrals ehr;
  private final ReferralTaskStore store;
  private final ReferralTaskRule rule;
  private final Clock clock;

  ReferralTaskCloser(EhrReferrals ehr, ReferralTaskStore store, ReferralTaskRule rule, Clock clock) {
    this.ehr = ehr;
    this.store = store;
    this.rule = rule;
    this.clock = clock;
  }

  @Override
  public WorkKind kind() {
    return WorkKind.CLOSE_REFERRAL_TASK;
  }

  @Override
  public void run(String referralId) {
    closeIfDone(referralId);
  }

  @Override
  public void giveUp(String referralId) {
    log.error("CareLoop's Task for ServiceRequest/{} could not be closed after its booking; the next sweep tries again",
        referralId);
  }

  /** Looks at the referral now and closes CareLoop's Task for it if it is booked or over. */
  void closeIfDone(String referralId) {
    Optional<ReferralTaskView> recorded = store.byReferral(referralId);
    if (recorded.isEmpty() || !recorded.get().isOpen()) {
      return;
    }
    Optional<Referral> referral = ehr.referral(referralId);
    boolean booked = ehr.booked(referralId);
    rule.closing(referral, booked).ifPresent(closing -> close(referralId, closing));
  }

  private void close(String referralId, TaskClosing closing) {
    Optional<Task> found = ehr.careLoopsTask(referralId);
    if (found.isEmpty()) {
      store.closed(referralId, closing.outcome().taskStatus(), closing.reason() + "; the EHR no longer has the Task");
      log.warn("CareLoop's Task for ServiceRequest/{} is no longer in the EHR: recorded as closed", referralId);
      return;
    }
    Task task = found.get();
    if (!ReferralTaskTranslator.isOpen(task.getStatus())) {
      store.closed(referralId, task.getStatus().toCode(), "Closed in the EHR");
      log.info("{} for ServiceRequest/{} was already {} in the EHR: left as it is",
          task.getIdElement().toUnqualifiedVersionless().getValue(), referralId, task.getStatus().toCode());
      return;
    }
    ReferralTaskTranslator.close(task, closing, clock.instant());
    ehr.update(task);
    store.closed(referralId, closing.outcome().taskStatus(), closing.reason());
    log.info("{} for ServiceRequest/{}: {} ({})", task.getIdElement().toUnqualifiedVersionless().getValue(), referralId,
        closing.outcome().taskStatus(), closing.reason());
  }
}
