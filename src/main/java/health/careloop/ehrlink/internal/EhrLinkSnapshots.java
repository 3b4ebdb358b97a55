package health.careloop.ehrlink.internal;

import health.careloop.ehr.EhrProperties;
import health.careloop.ehrlink.EhrLinkProperties;
import health.careloop.intake.IntakeStatus;
import health.careloop.schedule.MessageBacklog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The current {@link EhrLinkSnapshot}, read from CareLoop's database at most every {@link #FRESH_FOR}:
 * health requests and metric scrapes are answered from it and never call the EHR.
 */
@Component
class EhrLinkSnapshots {

  static final Duration FRESH_FOR = Duration.ofSeconds(5);

  private final EhrLinkRecords records;
  private final IntakeStatus intake;
  private final MessageBacklog backlog;
  private final EhrLinkProperties limits;
  private final boolean polling;
  private final Clock clock;
  private EhrLinkSnapshot last;

  EhrLinkSnapshots(EhrLinkRecords records, IntakeStatus intake, MessageBacklog backlog, EhrLinkProperties limits,
      EhrProperties ehr, Clock clock) {
    this.polling = ehr.polling();
    this.records = records;
    this.intake = intake;
    this.backlog = backlog;
    this.limits = limits;
    this.clock = clock;
  }

  synchronized EhrLinkSnapshot current() {
    Instant now = clock.instant();
    if (last == null || now.isBefore(last.at()) || now.isAfter(last.at().plus(FRESH_FOR))) {
      last = new EhrLinkSnapshot(now, polling, records.ehr(), records.subscriptions(), records.silences(),
          intake.lastNotifications(), intake.caughtUpTo(), intake.lastCatchUpFailures(), intake.pendingEvents(),
          backlog.overdue(now.minus(limits.overdueAfter())), backlog.failedSince(now.minus(Duration.ofHours(24))));
    }
    return last;
  }
}
