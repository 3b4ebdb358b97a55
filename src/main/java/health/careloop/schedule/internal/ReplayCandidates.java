package health.careloop.schedule.internal;

import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.ReplaySelection;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The parked or failed messages a bulk replay selects, oldest first (by when they were parked or
 * given up: their last change). Read without locks: each is then replayed under its own lock,
 * which re-checks its status.
 */
@Component
class ReplayCandidates {

  private final JdbcTemplate jdbc;

  ReplayCandidates(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  List<String> oldestFirst(ReplaySelection selection) {
    Where where = where(selection);
    List<Object> arguments = new ArrayList<>(where.arguments());
    arguments.add(selection.limit());
    return jdbc.queryForList("select id from planned_message" + where.sql() + " order by updated_at, id"
        + " fetch first ? rows only", String.class, arguments.toArray());
  }

  long count(ReplaySelection selection) {
    Where where = where(selection);
    Long count = jdbc.queryForObject("select count(*) from planned_message" + where.sql(), Long.class,
        where.arguments().toArray());
    return count == null ? 0 : count;
  }

  private static Where where(ReplaySelection selection) {
    List<Object> arguments = new ArrayList<>();
    StringBuilder sql = new StringBuilder(" where status in (")
        .append(selection.statuses().stream().map(s -> "?").collect(Collectors.joining(", "))).append(")");
    selection.statuses().stream().map(PlannedMessageStatus::name).sorted().forEach(arguments::add);
    selection.kind().ifPresent(kind -> {
      sql.append(" and kind = ?");
      arguments.add(kind);
    });
    selection.patientId().ifPresent(patient -> {
      sql.append(" and patient_id = ?");
      arguments.add(patient);
    });
    selection.since().ifPresent(since -> {
      sql.append(" and updated_at >= ?");
      arguments.add(since.atOffset(ZoneOffset.UTC));
    });
    return new Where(sql.toString(), arguments);
  }

  private record Where(String sql, List<Object> arguments) {}
}
