package health.careloop.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import health.careloop.support.CareLoopInstance;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A table of CareLoop's schema that changed by more than a tenth since PostgreSQL last analyzed it
 * is analyzed by CareLoop within a check or two (this machine's PostgreSQL runs without autovacuum,
 * as a database whose autovacuum lags behind a fast-growing queue would look); a table that changed
 * little is left alone. Tables of the test's own, so that nothing CareLoop does meanwhile counts.
 */
class TableStatisticsIT {

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.withUnreachableEhr(
      Map.of("careloop.database.statistics-check-every", "1s"));

  @Test
  void aTableThatGrewByThousandsOfRows_isAnalyzedByCareLoop_withinSeconds() {
    JdbcTemplate jdbc = careLoop.bean(JdbcTemplate.class);
    assumeTrue(onPostgres(jdbc), "PostgreSQL's statistics: CI runs this on PostgreSQL");
    createAndFill(jdbc, "grown_probe", 5000);

    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(lastAnalyzed(jdbc, "grown_probe")).as("analyzed").isNotNull());
    assertThat(careLoop.bean(TableStatistics.class).analyzeStale()).doesNotContain("grown_probe");
  }

  @Test
  void aTableThatChangedLittle_isLeftAlone() throws InterruptedException {
    JdbcTemplate jdbc = careLoop.bean(JdbcTemplate.class);
    assumeTrue(onPostgres(jdbc), "PostgreSQL's statistics: CI runs this on PostgreSQL");
    createAndFill(jdbc, "small_probe", (int) TableStatistics.BASE_ROWS / 2);

    Thread.sleep(3000); // three checks
    assertThat(lastAnalyzed(jdbc, "small_probe")).isNull();
    assertThat(careLoop.bean(TableStatistics.class).analyzeStale()).doesNotContain("small_probe");
  }

  /** Rows written and PostgreSQL's counters of them published at once (they are otherwise flushed within seconds). */
  private static void createAndFill(JdbcTemplate jdbc, String table, int rows) {
    jdbc.execute((ConnectionCallback<Void>) connection -> {
      try (Statement sql = connection.createStatement()) {
        sql.execute("create table " + table + " (n int primary key)");
        sql.execute("insert into " + table + " select generate_series(1, " + rows + ")");
        sql.execute("select pg_stat_force_next_flush()");
        sql.execute("select 1");
      }
      return null;
    });
  }

  private static Object lastAnalyzed(JdbcTemplate jdbc, String table) {
    return jdbc.queryForObject("select last_analyze from pg_stat_user_tables"
        + " where schemaname = current_schema() and relname = ?", Object.class, table);
  }

  private static boolean onPostgres(JdbcTemplate jdbc) {
    return jdbc.queryForObject("select version()", String.class).startsWith("PostgreSQL");
  }
}
