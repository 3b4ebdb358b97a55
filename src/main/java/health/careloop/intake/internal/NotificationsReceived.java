package health.careloop.intake.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Remembers, per resource type, when the EHR's last notification arrived (table
 * {@code notification_received}), so that a Subscription gone silent is noticed whichever replica
 * the notifications reach. Written at most once a {@link #RESOLUTION} per type and replica: a
 * booking storm is not a storm of updates to one row, and silence is measured in hours.
 */
@Component
class NotificationsReceived {

  static final Duration RESOLUTION = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(NotificationsReceived.class);

  private final JdbcTemplate jdbc;
  private final Clock clock;
  private final Map<String, Instant> lastWritten = new ConcurrentHashMap<>();

  NotificationsReceived(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  /** A notification of {@code resourceType} arrived now (whatever became of it: it shows the Subscription works). */
  void received(String resourceType) {
    Instant now = clock.instant();
    Instant written = lastWritten.get(resourceType);
    if (written != null && !now.isAfter(written.plus(RESOLUTION)) && !now.isBefore(written)) {
      return;
    }
    lastWritten.put(resourceType, now);
    try {
      write(resourceType, now);
    } catch (DataAccessException e) {
      // Only supervision reads this: the notification itself must not fail for it.
      lastWritten.remove(resourceType);
      log.warn("Could not record that a {} notification arrived: {}", resourceType, e.getMessage());
    }
  }

  private void write(String resourceType, Instant now) {
    Timestamp at = Timestamp.from(now);
    int updated = jdbc.update(
        "update notification_received set last_received_at = ? where resource_type = ? and last_received_at < ?",
        at, resourceType, at);
    if (updated == 0) {
      try {
        jdbc.update("insert into notification_received (resource_type, last_received_at) select ?, ?"
            + " where not exists (select 1 from notification_received where resource_type = ?)",
            resourceType, at, resourceType);
      } catch (DuplicateKeyException anotherReplica) {
        // Another replica recorded one at the same moment: either time will do.
      }
    }
  }
}
