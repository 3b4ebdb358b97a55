package health.careloop.database;

import java.sql.DatabaseMetaData;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.stereotype.Component;

/**
 * Keeps PostgreSQL's statistics of CareLoop's tables current while they grow fast. The polls that
 * pick due jobs ({@code scheduled_tasks}, {@code intake_scheduled_tasks}) are planned from what
 * PostgreSQL knows of those tables; a table it never analyzed, or analyzed when it was a tenth of
 * its size, is guessed at, and the poll may then read the whole table every time: measured at
 * 80,000 jobs, 10-90 ms a poll instead of 1-2 ms, with PostgreSQL's CPU rising as the queue grew.
 * Under a booking storm or a catch-up, the queues grow by thousands of rows a minute.
 *
 * <p>Autovacuum does the same when it is on and keeps up; then this finds nothing to do. Every
 * {@code careloop.database.statistics-check-every}, a table of CareLoop's schema with more than
 * {@value #BASE_ROWS} rows changed, and more than a tenth of its rows (autovacuum's default scale),
 * since its last analysis is analyzed. {@code ANALYZE} reads a sample of the table and blocks no
 * reading or writing. A database user that does not own the tables gets a warning from PostgreSQL
 * and nothing is done. Each replica checks on its own; the second finds the table analyzed. Not on
 * H2, which plans without such statistics.
 */
@Component
class TableStatistics implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TableStatistics.class);

  /** Below this many changed rows a table is left to autovacuum: small changes do not change plans. */
  static final long BASE_ROWS = 1000;
  static final double SCALE = 0.1;

  private static final String STALE = "select s.relname from pg_stat_user_tables s join pg_class c on c.oid = s.relid"
      + " where s.schemaname = current_schema() and s.n_mod_since_analyze > ? + ? * greatest(c.reltuples, 0)"
      + " order by s.relname";

  private final JdbcTemplate jdbc;
  private final Duration checkEvery;
  private ScheduledExecutorService checks;
  private volatile boolean running;

  TableStatistics(JdbcTemplate jdbc, DatabaseProperties properties) {
    this.jdbc = jdbc;
    this.checkEvery = properties.statisticsCheckEvery();
  }

  /**
   * Analyzes each table of CareLoop's schema whose statistics are stale (see the class).
   *
   * @return the tables analyzed
   */
  List<String> analyzeStale() {
    List<String> stale = jdbc.queryForList(STALE, String.class, BASE_ROWS, SCALE);
    for (String table : stale) {
      jdbc.execute("analyze \"" + table.replace("\"", "\"\"") + "\"");
    }
    if (!stale.isEmpty()) {
      log.debug("Analyzed {}: their statistics were stale", stale);
    }
    return stale;
  }

  @Override
  public void start() {
    running = true;
    if (checkEvery.isZero() || !onPostgres()) {
      return;
    }
    checks = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "table-statistics");
      thread.setDaemon(true);
      return thread;
    });
    checks.scheduleWithFixedDelay(this::checkQuietly, checkEvery.toMillis(), checkEvery.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  private void checkQuietly() {
    try {
      analyzeStale();
    } catch (RuntimeException failure) {
      // Only the plans of the next minutes are at stake: tried again at the next check.
      if (DatabaseAway.causedBy(failure)) {
        log.debug("Table statistics not checked: the database is away");
      } else {
        log.warn("Table statistics not checked: {}", failure.getMessage());
      }
    }
  }

  private boolean onPostgres() {
    try {
      String product = JdbcUtils.extractDatabaseMetaData(jdbc.getDataSource(),
          DatabaseMetaData::getDatabaseProductName);
      return "PostgreSQL".equals(product);
    } catch (Exception unknown) { // NOSONAR a database not reachable at start: no checks, nothing lost
      log.warn("Table statistics will not be kept: the database's product could not be read ({})",
          unknown.getClass().getSimpleName());
      return false;
    }
  }

  @Override
  public void stop() {
    running = false;
    if (checks != null) {
      checks.shutdownNow();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
