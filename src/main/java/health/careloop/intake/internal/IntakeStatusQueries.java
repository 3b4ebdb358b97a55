package health.careloop.intake.internal;

import health.careloop.intake.IntakeStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link IntakeStatus} from CareLoop's own tables. */
@Component
class IntakeStatusQueries implements IntakeStatus {

  private final JdbcTemplate jdbc;

  IntakeStatusQueries(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, Instant> lastNotifications() {
    Map<String, Instant> last = new TreeMap<>();
    jdbc.query("select resource_type, last_received_at from notification_received",
        rs -> { last.put(rs.getString(1), rs.getTimestamp(2).toInstant()); });
    return last;
  }

  @Override
  public Map<String, Instant> caughtUpTo() {
    Map<String, Instant> upTo = new TreeMap<>();
    jdbc.query("select resource_type, watermark, caught_up_at from catch_up_watermark", rs -> {
      Instant watermark = rs.getTimestamp(2).toInstant();
      Timestamp caughtUp = rs.getTimestamp(3);
      upTo.put(rs.getString(1), caughtUp != null && caughtUp.toInstant().isAfter(watermark) ? caughtUp.toInstant() : watermark);
    });
    return upTo;
  }

  @Override
  public Map<String, CatchUpFailure> lastCatchUpFailures() {
    Map<String, CatchUpFailure> failures = new TreeMap<>();
    jdbc.query("select resource_type, failed_at, problem from catch_up_failure",
        rs -> { failures.put(rs.getString(1), new CatchUpFailure(rs.getTimestamp(2).toInstant(), rs.getString(3))); });
    return failures;
  }

  @Override
  public long pendingEvents() {
    Long pending = jdbc.queryForObject("select count(*) from inbox_event where outcome = ?", Long.class,
        InboxEvent.Outcome.PENDING.name());
    return pending == null ? 0 : pending;
  }
}
