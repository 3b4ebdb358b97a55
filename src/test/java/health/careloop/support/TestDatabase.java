package health.careloop.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The database an integration test's CareLoop runs on. PostgreSQL unless the system property
 * {@code careloop.test.db=h2} says otherwise (the build passes it; .ci/run always uses PostgreSQL).
 * Each {@link #fresh()} is an empty schema of its own, so test classes never see each other's rows.
 */
public record TestDatabase(String kind, String url, String username) {

  public static final String POSTGRES_URL = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final String POSTGRES_USER = "postgres";

  public static TestDatabase fresh() {
    String kind = System.getProperty("careloop.test.db", "postgres").toLowerCase(Locale.ROOT);
    String name = "careloop_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    return switch (kind) {
      case "postgres" -> postgres(name);
      case "h2" -> new TestDatabase("h2",
          "jdbc:h2:mem:" + name + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa");
      default -> throw new IllegalStateException("careloop.test.db must be postgres or h2, not " + kind);
    };
  }

  /**
   * A fresh schema on the shared PostgreSQL whatever {@code careloop.test.db} says: for CareLoop in
   * other processes ({@link CareLoopProcess}), which an in-memory H2 database cannot be shared with.
   */
  public static TestDatabase freshPostgres() {
    return postgres("careloop_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
  }

  private static TestDatabase postgres(String schema) {
    try (Connection c = DriverManager.getConnection(POSTGRES_URL + "?connectTimeout=5", POSTGRES_USER, "")) {
      c.createStatement().execute("create schema " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("""
          PostgreSQL is not reachable at %s as user %s (%s).
          The persistence and end-to-end tests run on PostgreSQL. Start it with
            pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start
          or, on a machine without PostgreSQL, run the tests on H2 with -Dcareloop.test.db=h2."""
          .formatted(POSTGRES_URL, POSTGRES_USER, e.getMessage()), e);
    }
    return new TestDatabase("postgres", POSTGRES_URL + "?currentSchema=" + schema, POSTGRES_USER);
  }

  /** Spring properties that point CareLoop at this database. */
  public Map<String, Object> springProperties() {
    return Map.of(
        "spring.datasource.url", url,
        "spring.datasource.username", username,
        "spring.datasource.password", "",
        "db-scheduler.polling-strategy", kind.equals("postgres") ? "lock-and-fetch" : "fetch");
  }
}
