package health.careloop.intake.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code catch_up_watermark} table: one row per resource type CareLoop catches up on. */
@Component
class Watermarks {

  private final JdbcTemplate jdbc;
  private final Clock clock;

  Watermarks(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Optional<Instant> of(String resourceType) {
    List<Timestamp> found = jdbc.queryForList(
        "select watermark from catch_up_watermark where resource_type = ?", Timestamp.class, resourceType);
    return found.stream().findFirst().map(Timestamp::toInstant);
  }

  /** Sets the watermark of a type; a later one already stored (another replica's) stays. */
  void moveTo(String resourceType, Instant watermark) {
    Timestamp now = Timestamp.from(clock.instant());
    int updated = jdbc.update(
        "update catch_up_watermark set watermark = ?, updated_at = ? where resource_type = ? and watermark < ?",
        Timestamp.from(watermark), now, resourceType, Timestamp.from(watermark));
    if (updated == 0 && of(resourceType).isEmpty()) {
      try {
        jdbc.update("insert into catch_up_watermark (resource_type, watermark, updated_at) values (?, ?, ?)",
            resourceType, Timestamp.from(watermark), now);
      } catch (DuplicateKeyException inserted) {
        // Another replica's catch-up (a manual one) inserted it meanwhile: move it forward instead.
        moveTo(resourceType, watermark);
      }
    }
  }

  /**
   * A complete catch-up of the type that began at {@code began} has stored everything it found:
   * the inbox is current up to then, even if nothing changed and the watermark stood still.
   */
  void caughtUp(String resourceType, Instant began) {
    jdbc.update("update catch_up_watermark set caught_up_at = ? where resource_type = ?"
        + " and (caught_up_at is null or caught_up_at < ?)",
        Timestamp.from(began), resourceType, Timestamp.from(began));
  }
}
