package health.careloop.intake.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The highest event number heard from each topic-based Subscription (table
 * {@code topic_event_number}), shared by every replica.
 */
@Component
class TopicEventNumbers {

  private final JdbcTemplate jdbc;

  TopicEventNumbers(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** The last number heard from {@code subscription}. */
  OptionalLong last(String subscription) {
    List<Long> found = jdbc.queryForList(
        "select last_event_number from topic_event_number where subscription = ?", Long.class, subscription);
    return found.isEmpty() ? OptionalLong.empty() : OptionalLong.of(found.get(0));
  }

  /**
   * Remembers {@code number} as the last one heard from {@code subscription}, by a notification of
   * {@code type}. It only goes up (notifications delivered at once may be taken in any order),
   * unless the EHR's counter started again ({@code reset}).
   */
  void remember(String subscription, long number, String type, Instant at, boolean reset) {
    Timestamp heard = Timestamp.from(at);
    String set = "update topic_event_number set last_event_number = ?, last_type = ?, heard_at = ? where subscription = ?";
    int updated = reset
        ? jdbc.update(set, number, type, heard, subscription)
        : jdbc.update(set + " and last_event_number <= ?", number, type, heard, subscription, number);
    if (updated == 0) {
      try {
        jdbc.update("insert into topic_event_number (subscription, last_event_number, last_type, heard_at)"
            + " select ?, ?, ?, ? where not exists (select 1 from topic_event_number where subscription = ?)",
            subscription, number, type, heard, subscription);
      } catch (DuplicateKeyException anotherReplica) {
        // Another replica heard from it at the same moment: its number stands.
      }
    }
  }
}
