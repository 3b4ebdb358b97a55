package health.careloop.bench;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.CareLoopProcess;
import health.careloop.support.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The dispatch scenario's reminders sent by one CareLoop process, then by two on one PostgreSQL
 * database (as two replicas: db-scheduler shares the due jobs out between them), each run on a
 * fresh database of its own with the same appointments and keys of its own (so that every
 * Communication is new to the EHR). The reminders are copied in bulk ({@link BulkPlannedMessages}),
 * all due at one instant a minute after the processes are ready.
 */
final class TwoInstancesScenario {

  private static final Duration LEAD = Duration.ofSeconds(60);

  private final BulkPlannedMessages bulk;
  private final SandboxEhr ehr;
  private final CareLoopProcess.Launch launch;

  TwoInstancesScenario(BulkPlannedMessages bulk, SandboxEhr ehr, CareLoopProcess.Launch launch) {
    this.bulk = bulk;
    this.ehr = ehr;
    this.launch = launch;
  }

  Map<String, Object> run(List<EhrLoad.Booked> appointments, Duration timeout) throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("messages", appointments.size());
    result.put("jvm", Benchmark.processJvm(launch, CareLoopProcess.TEST_JVM));
    Map<String, Object> one = dispatchWith(1, appointments, timeout);
    Map<String, Object> two = dispatchWith(2, appointments, timeout);
    result.put("oneInstance", one);
    result.put("twoInstances", two);
    result.put("ratioTwoToOne", IntakeScenario.ratio((Double) two.get("perSecond"), (Double) one.get("perSecond")));
    return result;
  }

  private Map<String, Object> dispatchWith(int instances, List<EhrLoad.Booked> appointments, Duration timeout)
      throws Exception {
    TestDatabase database = TestDatabase.freshPostgres();
    List<CareLoopProcess> processes = new ArrayList<>();
    try {
      for (int i = 1; i <= instances; i++) {
        processes.add(CareLoopProcess.start("bench-dispatch-" + instances + "-" + i, ehr, database, null, Map.of(),
            launch, CareLoopProcess.TEST_JVM));
      }
      Instant due = Instant.now().plus(LEAD).truncatedTo(ChronoUnit.MILLIS);
      bulk.copyInto(BulkPlannedMessages.schemaOf(database), appointments, due, "bench-" + instances + "-instances");
      if (Instant.now().isAfter(due)) {
        throw new IllegalStateException("Copying the reminders took longer than " + LEAD + ": the measurement would start late");
      }
      JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.username(), ""));
      long deadline = System.nanoTime() + Duration.between(Instant.now(), due).plus(timeout).toNanos();
      Map<String, Long> statuses = statuses(db);
      while (statuses.getOrDefault("PENDING", 0L) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(1000);
        statuses = statuses(db);
        System.out.println("[bench] " + instances + " instance(s) " + statuses);
      }
      long sent = statuses.getOrDefault("SENT", 0L);
      Timestamp last = db.queryForObject("select max(updated_at) from planned_message where status = 'SENT'",
          Timestamp.class);
      double seconds = last == null ? Double.NaN : Duration.between(due, last.toInstant()).toMillis() / 1000.0;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("statuses", statuses);
      m.put("secondsUntilLastSent", IntakeScenario.round(seconds));
      m.put("perSecond", IntakeScenario.round(sent / seconds));
      m.put("sentByEachInstance", processes.stream().map(p -> p.sentMessageIds().size()).toList());
      return m;
    } finally {
      processes.forEach(CareLoopProcess::stop);
    }
  }

  private static Map<String, Long> statuses(JdbcTemplate db) {
    Map<String, Long> counts = new LinkedHashMap<>();
    db.query("select status, count(*) from planned_message group by status order by status",
        rs -> {
          counts.put(rs.getString(1), rs.getLong(2));
        });
    return counts;
  }
}
