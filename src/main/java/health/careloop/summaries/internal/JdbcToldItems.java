package health.careloop.summaries.internal;

import health.careloop.summaries.RepeatBudget;
import health.careloop.summaries.ToldItems;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The {@code told_item} table: one row per item told to a clinician. Joins the caller's transaction
 * when there is one (a summary: the one that records the plan's outcome, so the telling is recorded
 * with it);
 * the digest records after writing, so a crash in between makes the items told again, never lost.
 */
@Component
class JdbcToldItems implements ToldItems {

  private final JdbcTemplate jdbc;

  JdbcToldItems(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public Map<String, RepeatBudget.Told> toldTo(String recipient, Instant since) {
    Map<String, RepeatBudget.Told> told = new HashMap<>();
    jdbc.query("select item_ref, told_at, overdue from told_item where recipient = ? and told_at > ?", row -> {
      RepeatBudget.Told telling = new RepeatBudget.Told(row.getTimestamp("told_at").toInstant(), row.getBoolean("overdue"));
      told.merge(row.getString("item_ref"), telling, (a, b) ->
          new RepeatBudget.Told(a.at().isAfter(b.at()) ? a.at() : b.at(), a.overdue() || b.overdue()));
    }, recipient, Timestamp.from(since));
    return told;
  }

  @Override
  public void record(String recipient, Collection<RepeatBudget.Item> items, String message, Instant at,
      Instant forgetBefore) {
    jdbc.update("delete from told_item where recipient = ? and told_at <= ?", recipient, Timestamp.from(forgetBefore));
    List<Object[]> rows = items.stream().map(item -> new Object[] {UUID.randomUUID().toString(), recipient,
        item.reference(), item.overdue(), Timestamp.from(at), message}).toList();
    jdbc.batchUpdate("insert into told_item (id, recipient, item_ref, overdue, told_at, message_key) "
        + "values (?, ?, ?, ?, ?, ?)", rows);
  }
}
