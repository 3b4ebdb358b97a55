package health.careloop.bench;

import health.careloop.rules.MessageKeys;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.MessageDraft;
import health.careloop.schedule.MessageSchedule;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.TestDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Planned messages in bulk for CareLoop processes' databases (schemas of the test PostgreSQL): one
 * reminder is planned through CareLoop's schedule in the in-process CareLoop's database, then copied
 * in PostgreSQL as many times as needed, with its db-scheduler dispatch job (task data included),
 * each copy with an id, a key and an appointment of its own. The rows are CareLoop's own, byte for
 * byte, but for what makes each one a message of its own.
 */
final class BulkPlannedMessages {

  /** Ids are UUIDs (36 characters): a copy's keeps the template's first 24 and numbers the rest. */
  private static final String NEW_ID = "left(t.id, 24) || lpad(g::text, 12, '0')";

  private final JdbcTemplate source;
  private final String sourceSchema;
  private final String templateId;

  BulkPlannedMessages(CareLoopInstance careLoop) {
    this.source = careLoop.bean(JdbcTemplate.class);
    this.sourceSchema = source.queryForObject("select current_schema()", String.class);
    MessageSchedule schedule = careLoop.bean(MessageSchedule.class);
    Instant start = careLoop.clock().instant().plus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    String key = MessageKeys.of("bench-template", "bench-template", null, "reminder-bench:" + start);
    new TransactionTemplate(careLoop.bean(PlatformTransactionManager.class)).executeWithoutResult(s ->
        schedule.replan("bench-template", List.of(new MessageDraft(key, MessageKind.APPOINTMENT_REMINDER,
            "bench-template", "bench-template", start, start.minus(10, ChronoUnit.DAYS), null, false, "sms", null,
            null)), Set.of(), "benchmark"));
    this.templateId = source.queryForObject("select id from planned_message where message_key = ?", String.class, key);
  }

  static String schemaOf(TestDatabase database) {
    return database.url().substring(database.url().indexOf("currentSchema=") + "currentSchema=".length());
  }

  /** {@code count} reminders due a month ahead, each about an appointment of its own that is not in the EHR. */
  void copyInto(String target, int count) throws SQLException {
    try (Connection c = connect()) {
      copy(c, target, "generate_series(1, " + count + ") g",
          Map.of("message_key", "t.message_key || ':' || g", "appointment_id", "'bench-memory-' || g"));
    }
  }

  /** One reminder per appointment (which the EHR holds), all due at {@code due}; {@code keyPart} keeps their keys apart from other runs'. */
  void copyInto(String target, List<EhrLoad.Booked> appointments, Instant due, String keyPart) throws SQLException {
    try (Connection c = connect()) {
      execute(c, "create table " + target + ".bench_due (g int, appointment_id varchar(64), patient_id varchar(64), "
          + "appointment_start timestamp with time zone)");
      try (var insert = c.prepareStatement("insert into " + target + ".bench_due values (?, ?, ?, ?)")) {
        int n = 0;
        for (EhrLoad.Booked a : appointments) {
          insert.setInt(1, ++n);
          insert.setString(2, a.appointmentId());
          insert.setString(3, a.patientId());
          insert.setTimestamp(4, Timestamp.from(a.start()));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      String at = "timestamp with time zone '" + Timestamp.from(due).toInstant() + "'";
      copy(c, target, target + ".bench_due b",
          Map.of("message_key", "'Appointment/' || b.appointment_id || ':Patient/' || b.patient_id || ':reminder-"
                  + keyPart + ":' || b.appointment_start",
              "appointment_id", "b.appointment_id", "patient_id", "b.patient_id",
              "appointment_start", "b.appointment_start", "due_at", at, "execution_time", at));
      execute(c, "drop table " + target + ".bench_due");
    }
  }

  private void copy(Connection c, String target, String rows, Map<String, String> overrides) throws SQLException {
    insertCopies(c, target, "planned_message", "id", rows, overrides);
    insertCopies(c, target, "scheduled_tasks", "task_instance", rows, overrides);
    execute(c, "analyze " + target + ".planned_message");
    execute(c, "analyze " + target + ".scheduled_tasks");
  }

  private void insertCopies(Connection c, String target, String table, String idColumn, String rows,
      Map<String, String> overrides) throws SQLException {
    List<String> columns = columns(c, target, table);
    List<String> values = new ArrayList<>();
    for (String column : columns) {
      values.add(column.equals(idColumn) ? NEW_ID.replace("t.id", "t." + idColumn)
          : overrides.getOrDefault(column, "t." + column));
    }
    execute(c, "insert into " + target + "." + table + " (" + String.join(", ", columns) + ") select "
        + String.join(", ", values) + " from " + sourceSchema + "." + table + " t cross join " + rows
        + " where t." + idColumn + " = '" + templateId + "'");
  }

  private static Connection connect() throws SQLException {
    return DriverManager.getConnection(TestDatabase.POSTGRES_URL, TestDatabase.POSTGRES_USER, "");
  }

  private static List<String> columns(Connection c, String schema, String table) throws SQLException {
    List<String> columns = new ArrayList<>();
    try (var statement = c.prepareStatement("select column_name from information_schema.columns "
        + "where table_schema = ? and table_name = ? order by ordinal_position")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (var rs = statement.executeQuery()) {
        while (rs.next()) {
          columns.add(rs.getString(1));
        }
      }
    }
    return columns;
  }

  private static void execute(Connection c, String sql) throws SQLException {
    try (var statement = c.createStatement()) {
      statement.execute(sql);
    }
  }
}
