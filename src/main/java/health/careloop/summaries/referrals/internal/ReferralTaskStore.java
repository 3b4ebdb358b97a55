package health.careloop.summaries.referrals.internal;

import health.careloop.summaries.referrals.ReferralTaskQuery;
import health.careloop.summaries.referrals.ReferralTaskSearch;
import health.careloop.summaries.referrals.ReferralTaskView;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The {@code referral_task} table: one row per referral CareLoop has written a Task for. */
@Component
class ReferralTaskStore implements ReferralTaskQuery {

  private static final String COLUMNS = "id, referral_id, patient_id, task_id, priority, owner_ref, description, "
      + "status, status_reason, opened_at, closed_at, updated_at";

  private final JdbcTemplate jdbc;
  private final Clock clock;

  ReferralTaskStore(JdbcTemplate jdbc, Clock clock) {
    this.jdbc = jdbc;
    this.clock = clock;
  }

  Optional<ReferralTaskView> byReferral(String referralId) {
    return jdbc.query("select " + COLUMNS + " from referral_task where referral_id = ?", ReferralTaskStore::row,
        referralId).stream().findFirst();
  }

  /** The Tasks CareLoop has not seen closed yet. */
  List<ReferralTaskView> open() {
    return jdbc.query("select " + COLUMNS + " from referral_task where status = ? order by opened_at, id",
        ReferralTaskStore::row, ReferralTaskView.OPEN);
  }

  /**
   * Records the Task written for a referral. False if it was recorded already (a second replica's
   * sweep, a retry): the row there stands, and so does the one Task both found in the EHR.
   */
  boolean opened(String referralId, String patientId, String taskId, String priority, String owner,
      String description, Instant at) {
    try {
      jdbc.update("insert into referral_task (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, null, ?, null, ?)",
          UUID.randomUUID().toString(), referralId, patientId, taskId, priority, owner, description,
          ReferralTaskView.OPEN, Timestamp.from(at), Timestamp.from(at));
      return true;
    } catch (DuplicateKeyException recorded) {
      return false;
    }
  }

  /** Records that the Task is closed (by CareLoop or by staff); a row closed already stays as it is. */
  void closed(String referralId, String status, String reason) {
    Timestamp now = Timestamp.from(clock.instant());
    jdbc.update("update referral_task set status = ?, status_reason = ?, closed_at = ?, updated_at = ? "
        + "where referral_id = ? and status = ?", status, reason, now, now, referralId, ReferralTaskView.OPEN);
  }

  @Override
  public Optional<ReferralTaskView> byId(String id) {
    return jdbc.query("select " + COLUMNS + " from referral_task where id = ?", ReferralTaskStore::row, id)
        .stream().findFirst();
  }

  @Override
  public Page search(ReferralTaskSearch search, int offset, int count) {
    List<Object> arguments = new ArrayList<>();
    String where = where(search, arguments);
    Long total = jdbc.queryForObject("select count(*) from referral_task" + where, Long.class, arguments.toArray());
    arguments.add(count);
    arguments.add(offset);
    List<ReferralTaskView> tasks = jdbc.query("select " + COLUMNS + " from referral_task" + where
        + " order by updated_at desc, id limit ? offset ?", ReferralTaskStore::row, arguments.toArray());
    return new Page(tasks, total == null ? 0 : total);
  }

  private static String where(ReferralTaskSearch search, List<Object> arguments) {
    List<String> conditions = new ArrayList<>();
    in("status", search.statuses(), conditions, arguments);
    in("patient_id", search.patientIds(), conditions, arguments);
    in("referral_id", search.referralIds(), conditions, arguments);
    if (search.updatedFrom() != null) {
      conditions.add("updated_at >= ?");
      arguments.add(Timestamp.from(search.updatedFrom()));
    }
    if (search.updatedBefore() != null) {
      conditions.add("updated_at < ?");
      arguments.add(Timestamp.from(search.updatedBefore()));
    }
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }

  private static void in(String column, Collection<String> values, List<String> conditions, List<Object> arguments) {
    if (values == null) {
      return;
    }
    if (values.isEmpty()) {
      conditions.add("1 = 0");
      return;
    }
    conditions.add(column + " in (" + String.join(", ", values.stream().map(v -> "?").toList()) + ")");
    arguments.addAll(values);
  }

  private static ReferralTaskView row(ResultSet rs, int rowNum) throws SQLException {
    return new ReferralTaskView(rs.getString("id"), rs.getString("referral_id"), rs.getString("patient_id"),
        rs.getString("task_id"), rs.getString("priority"), rs.getString("owner_ref"), rs.getString("description"),
        rs.getString("status"), rs.getString("status_reason"), instant(rs, "opened_at"), instant(rs, "closed_at"),
        instant(rs, "updated_at"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
