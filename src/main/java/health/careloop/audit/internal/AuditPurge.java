package health.careloop.audit.internal;

import health.careloop.audit.AuditProperties;
import health.careloop.schedule.RecurringWork;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Deletes the audit entries older than the retention ({@code careloop.audit.retention}, six years
 * by default), their entities with them. Batches, each its own statement: a large backlog never
 * holds one long transaction.
 */
@Component
class AuditPurge implements RecurringWork {

  private static final Logger log = LoggerFactory.getLogger(AuditPurge.class);

  static final int BATCH = 500;
  private static final String PURGE = "delete from audit_event where id in (select id from audit_event"
      + " where recorded_at < ? order by recorded_at, id limit " + BATCH + ")";

  private final JdbcTemplate jdbc;
  private final AuditProperties properties;
  private final Clock clock;

  AuditPurge(JdbcTemplate jdbc, AuditProperties properties, Clock clock) {
    this.jdbc = jdbc;
    this.properties = properties;
    this.clock = clock;
  }

  @Override
  public WorkKind kind() {
    return WorkKind.PURGE_AUDIT;
  }

  @Override
  public Duration interval() {
    return properties.purgeInterval();
  }

  @Override
  public void run() {
    int purged = purge();
    if (purged > 0) {
      log.info("Purged {} audit entries older than {}", purged, properties.retention());
    }
  }

  /** Returns how many entries were deleted. */
  int purge() {
    // A Period (years) is counted on the calendar, in UTC.
    OffsetDateTime cutoff = clock.instant().atOffset(ZoneOffset.UTC).minus(properties.retention());
    int total = 0;
    int purged;
    do {
      purged = jdbc.update(PURGE, cutoff);
      total += purged;
    } while (purged == BATCH);
    return total;
  }
}
