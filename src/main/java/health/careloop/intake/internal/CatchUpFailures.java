package health.careloop.intake.internal;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code catch_up_failure} table: the last failed catch-up search of each resource type. */
@Component
class CatchUpFailures {

  private final JdbcTemplate jdbc;

  CatchUpFailures(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** @param problem HTTP status and issue code, or the kind of failure: never the EHR's text */
  void record(String resourceType, Instant at, String problem) {
    Object[] values = {Timestamp.from(at), problem, resourceType};
    if (jdbc.update("update catch_up_failure set failed_at = ?, problem = ? where resource_type = ?", values) == 0) {
      try {
        jdbc.update("insert into catch_up_failure (failed_at, problem, resource_type) values (?, ?, ?)", values);
      } catch (DuplicateKeyException concurrent) {
        jdbc.update("update catch_up_failure set failed_at = ?, problem = ? where resource_type = ?", values);
      }
    }
  }
}
