package health.careloop.schedule.internal;

import health.careloop.schedule.MessageBacklog;
import health.careloop.schedule.PlannedMessageStatus;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link MessageBacklog} by two counts on {@code planned_message} (index on status and due time). */
@Component
class JdbcMessageBacklog implements MessageBacklog {

  private final JdbcTemplate jdbc;

  JdbcMessageBacklog(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public long overdue(Instant dueBefore) {
    return count("select count(*) from planned_message where status = ? and due_at < ?",
        PlannedMessageStatus.PENDING.name(), Timestamp.from(dueBefore));
  }

  @Override
  public long failedSince(Instant since) {
    return count("select count(*) from planned_message where status = ? and updated_at >= ?",
        PlannedMessageStatus.FAILED.name(), Timestamp.from(since));
  }

  private long count(String sql, Object... args) {
    Long n = jdbc.queryForObject(sql, Long.class, args);
    return n == null ? 0 : n;
  }
}
