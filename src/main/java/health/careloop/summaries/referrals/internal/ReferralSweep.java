package health.careloop.summaries.referrals.internal;

import health.careloop.config.ComposeProperties;
import health.careloop.schedule.RecurringSchedule;
import health.careloop.schedule.RecurringWork;
import health.careloop.schedule.WorkKind;
import health.careloop.summaries.referrals.Referral;
import health.careloop.summaries.referrals.ReferralProperties;
import health.careloop.summaries.referrals.ReferralTaskRule;
import health.careloop.summaries.referrals.ReferralTaskTranslator;
import health.careloop.summaries.referrals.ReferralTaskTranslator.NewTask;
import health.careloop.summaries.referrals.ReferralTaskView;
import health.careloop.writeback.EhrFailures;
import health.careloop.writeback.StaffTaskWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The daily sweep: every active referral signed longer ago than the limit and not booked gets one
 * Task for the booking team, and CareLoop's open Tasks whose referral is booked or over since are
 * closed. One replica runs it at a time (recurring work); what it writes is safe to write again.
 *
 * <p>One Task per referral, ever: a referral with a row in {@code referral_task} gets no other, and
 * the Task is created conditionally on the referral's identifier, so a sweep that crashed between
 * the EHR's write and the row finds the same Task the next time. A referral the sweep could not
 * handle (an error of the EHR on it) is logged by id and the others go on; the run then fails, so
 * that it is tried again soon rather than the next day.
 */
@Component
class ReferralSweep implements RecurringWork {

  private static final Logger log = LoggerFactory.getLogger(ReferralSweep.class);

  private final EhrReferrals ehr;
  private final ReferralTaskStore store;
  private final ReferralTaskCloser closer;
  private final StaffTaskWriter writer;
  private final ReferralTaskRule rule;
  private final ReferralProperties properties;
  private final ComposeProperties compose;
  private final Clock clock;

  ReferralSweep(EhrReferrals ehr, ReferralTaskStore store, ReferralTaskCloser closer, StaffTaskWriter writer,
      ReferralTaskRule rule, ReferralProperties properties, ComposeProperties compose, Clock clock) {
    this.ehr = ehr;
    this.store = store;
    this.closer = closer;
    this.writer = writer;
    this.rule = rule;
    this.properties = properties;
    this.compose = compose;
    this.clock = clock;
  }

  @Override
  public WorkKind kind() {
    return WorkKind.REFERRAL_SWEEP;
  }

  @Override
  public RecurringSchedule schedule() {
    return properties.sweep().schedule(compose.defaultTimeZone());
  }

  @Override
  public void run() {
    if (!properties.enabled()) {
      log.debug("The referral sweep is switched off");
      return;
    }
    Instant now = clock.instant();
    List<String> failed = new ArrayList<>();
    int[] opened = {0};
    ehr.eachOverdue(properties.categories(), rule.overdueIfAuthoredBefore(now), properties.pageSize(), request -> {
      String id = request.getIdElement().getIdPart();
      try {
        if (openTaskIfUnbooked(request, now)) {
          opened[0]++;
        }
      } catch (RuntimeException e) {
        failed.add(id);
        log.warn("Referral sweep: ServiceRequest/{} could not be checked: {}", id, EhrFailures.describe(e));
      }
    });
    List<ReferralTaskView> open = store.open();
    for (ReferralTaskView task : open) {
      try {
        closer.closeIfDone(task.referralId());
      } catch (RuntimeException e) {
        failed.add(task.referralId());
        log.warn("Referral sweep: the Task for ServiceRequest/{} could not be checked: {}", task.referralId(),
            EhrFailures.describe(e));
      }
    }
    log.info("Referral sweep: {} new Task(s); {} open Task(s) checked; {} failed", opened[0], open.size(), failed.size());
    if (!failed.isEmpty()) {
      throw new IllegalStateException("Referral sweep: " + failed.size() + " referral(s) could not be checked, "
          + "e.g. ServiceRequest/" + failed.get(0));
    }
  }

  /** True if a Task was written for it now. */
  private boolean openTaskIfUnbooked(ServiceRequest request, Instant now) {
    Referral referral = EhrReferrals.toReferral(request);
    if (store.byReferral(referral.id()).isPresent()) {
      return false; // one Task per referral, ever; an open one is checked below
    }
    if (referral.patientId() == null) {
      log.info("Referral sweep: ServiceRequest/{} is not for a Patient: no Task", referral.id());
      return false;
    }
    if (!rule.needsTask(referral, ehr.booked(referral.id()), now)) {
      return false;
    }
    NewTask task = new NewTask(referral.id(), referral.patientId(), EhrReferrals.priority(request),
        properties.ownerReference(), rule.description(), now);
    String taskId = writer.write(ReferralTaskTranslator.toTask(task, ReferralTaskTranslator.RELATIVE));
    store.opened(referral.id(), referral.patientId(), taskId, task.priority(), task.owner().orElse(null),
        task.description(), now);
    log.info("Referral sweep: {} for ServiceRequest/{} (Patient/{})", taskId, referral.id(), referral.patientId());
    return true;
  }
}
