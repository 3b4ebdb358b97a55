package health.careloop.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.CareLoopInstance;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import health.careloop.CareLoopFhir;
import org.hl7.fhir.r4.model.Bundle;
import health.careloop.support.CareLoopProcess;
import health.careloop.support.EhrFixtures;
import health.careloop.support.TestDatabase;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The benchmark run ({@code ./mvnw -Pbench verify}, docs/benchmarks.md): a real HAPI FHIR JPA EHR
 * (the sandbox) and a real CareLoop on PostgreSQL in this JVM, the scenarios one after the other,
 * then target/bench/report.md and report.json.
 */
public final class Benchmark {

  public static void main(String[] args) throws Exception {
    BenchSettings settings = BenchSettings.from(System.getProperties());
    Path dir = Path.of("target", "bench");
    // HAPI's and db-scheduler's pools (and the test token issuer's server) may keep non-daemon
    // threads after their contexts close: the run ends the JVM itself, failed or not.
    try (SandboxEhr ehr = SandboxEhr.start(0, settings.ehrFastDelivery())) {
      run(ehr, settings, dir);
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
    System.out.println("[bench] wrote " + dir.resolve("report.md").toAbsolutePath() + " and report.json");
    System.exit(0);
  }

  /**
   * The scenarios {@code settings} chooses, on {@code ehr} and a CareLoop started here on a fresh
   * PostgreSQL schema; the report written into {@code dir}, and returned.
   */
  static Map<String, Object> run(SandboxEhr ehr, BenchSettings settings, Path dir) throws Exception {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("settings", settings);
    report.put("machineAtStart", MachineInfo.describe());
    IGenericClient client = harnessClient(ehr.baseUrl());
    EhrFixtures fixtures = new EhrFixtures(ehr.client());
    String locationId = fixtures.location("Bench clinic", "Europe/London");
    // Loaded before CareLoop registers its Subscriptions: it hears nothing of them, as of data that
    // was in the EHR before it was installed. An EHR shared with earlier runs (the tests' sandbox)
    // may still hold CareLoop's Subscriptions, pointing at a CareLoop that is gone: its deliveries
    // would be retried to the next CareLoop once it registers, so they are removed first.
    removeCareLoopSubscriptions(client);
    EhrLoad load = new EhrLoad(client, locationId);
    List<EhrLoad.Booked> toDispatch = List.of();
    if (settings.runs("dispatch") || settings.runs("two-instances")) {
      int count = settings.dispatchMessages() + (settings.runs("dispatch") ? settings.dispatchWarmUpMessages() : 0);
      System.out.println("[bench] loading " + count + " appointments to dispatch for");
      toDispatch = load.appointments(count,
          Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS),
          load.patients(Math.min(1000, settings.dispatchMessages()), "Dispatch"));
    }
    // CareLoop's catch-up searches from whole seconds: the catch-up's appointments start in a second
    // of their own, after everything loaded before them.
    Instant catchUpSince = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    Thread.sleep(Math.max(0, Duration.between(Instant.now(), catchUpSince).toMillis() + 1));
    if (settings.runs("catch-up")) {
      System.out.println("[bench] loading " + settings.catchUpAppointments() + " appointments to catch up on");
      int m = settings.catchUpAppointments();
      long loadStart = System.nanoTime();
      load.appointments(m, Instant.now().minus(m + 24 * 60, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.HOURS),
          load.patients(Math.min(100, m), "CatchUp"));
      report.put("catchUpLoadedPerSecond", IntakeScenario.round(m / ((System.nanoTime() - loadStart) / 1e9)));
    }
    // Booked in a storm, spread over this many patients: each first booking of a patient makes
    // CareLoop read them from the EHR, later ones may find them in its cache.
    boolean hookScenarios = settings.runs("storm") || settings.runs("intake") || settings.runs("hold");
    List<String> patients = hookScenarios ? load.patients(settings.stormPatients(), "Storm") : List.of();
    if (settings.careLoopInOwnProcess() && hookScenarios) {
      // As CareLoop runs in production: in a JVM of its own beside the EHR (its compiler, collector
      // and threads its own, not busy with the EHR's code), on a fresh PostgreSQL database.
      TestDatabase database = TestDatabase.freshPostgres();
      CareLoopProcess process = CareLoopProcess.start("bench-careloop", ehr, database, null, Map.of(),
          settings.careLoopLaunch(), settings.careLoopJvmOptions());
      try {
        report.put("careLoop", "its own process, " + processJvm(settings.careLoopLaunch(), settings.careLoopJvmOptions()));
        JdbcTemplate db = new JdbcTemplate(new DriverManagerDataSource(database.url(), database.username(), ""));
        stormAndIntake(settings, report, ehr, db, process.hookBaseUrl(), patients, locationId, dir);
      } finally {
        process.stop();
      }
    }
    // As the end-to-end tests run it (fresh PostgreSQL schema, confirmations due at once); the
    // extension's start ignores its JUnit context. Starting, it takes CareLoop's Subscriptions over.
    CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr);
    careLoop.beforeAll(null);
    try {
      report.put("postgres", careLoop.bean(JdbcTemplate.class).queryForObject("select version()", String.class));
      report.put("postgresSettings", postgresSettings(careLoop.bean(JdbcTemplate.class)));
      if (!settings.careLoopInOwnProcess()) {
        report.put("careLoop", "in the benchmark's JVM, beside the EHR");
        stormAndIntake(settings, report, ehr, careLoop.bean(JdbcTemplate.class), careLoop.hookBaseUrl(), patients,
            locationId, dir);
      }
      List<EhrLoad.Booked> dispatched = toDispatch;
      measure(settings, "dispatch", report, "dispatch", () -> new DispatchScenario(careLoop, client)
          .run(dispatched, settings.dispatchWarmUpMessages(), settings.dispatchRawCount(), settings.dispatchTimeout()));
      measure(settings, "catch-up", report, "catchUp", () -> new CatchUpScenario(careLoop, client)
          .run(settings.catchUpAppointments(), catchUpSince));
      measure(settings, "two-instances", report, "twoInstances", () ->
          new TwoInstancesScenario(new BulkPlannedMessages(careLoop), ehr, settings.careLoopLaunch())
              .run(dispatched.subList(dispatched.size() - settings.dispatchMessages(), dispatched.size()),
                  settings.dispatchTimeout()));
      measure(settings, "memory", report, "memory", () ->
          new MemoryScenario(new BulkPlannedMessages(careLoop), ehr, settings.careLoopLaunch())
              .run(settings.memoryPlannedMessages()));
    } finally {
      careLoop.close();
    }
    report.put("machineAtEnd", MachineInfo.describe());
    BenchReport.write(report, dir);
    return report;
  }

  /** How the report names a CareLoop process's JVM: where it found CareLoop, and its options. */
  static String processJvm(CareLoopProcess.Launch launch, List<String> jvmOptions) {
    String from = switch (launch) {
      case JAR -> "from the packaged jar";
      case EXTRACTED -> "from the packaged jar extracted";
      case CDS -> "from the packaged jar extracted, with its start-up archive (AppCDS)";
      case CLASS_PATH -> "on the benchmark's class path";
    };
    List<String> options = new java.util.ArrayList<>(jvmOptions);
    options.addAll(CareLoopProcess.extraJvmOptions());
    return from + ", JVM options " + String.join(" ", options);
  }

  /**
   * The storm, then intake, then the hold, against the CareLoop whose database and hook these are.
   * The storm first: the intake scenario leaves thousands of appointments to plan and confirm
   * behind it, which would be the storm's background load.
   */
  private static void stormAndIntake(BenchSettings settings, Map<String, Object> report, SandboxEhr ehr,
      JdbcTemplate careLoopDb, String hookBaseUrl, List<String> patients, String locationId, Path dir)
      throws Exception {
    BookingStormScenario storm = new BookingStormScenario(ehr.client(), careLoopDb, patients, locationId);
    if (settings.runs("storm")) {
      System.out.println("[bench] booking storm: " + settings.stormRate() + "/s for " + settings.stormDuration()
          + " after a warm-up of " + settings.stormWarmUp());
      Map<String, Object> result = storm.run(settings.stormRate(), settings.stormWarmUp(), settings.stormDuration(),
          settings.stormDrainTimeout());
      System.out.println("[bench] storm " + without(result, "backlog"));
      report.put("bookingStorm", result);
    }
    IntakeScenario intake = new IntakeScenario(hookBaseUrl, CareLoopInstance.SECRET, patients.get(0), locationId,
        storm::pendingInbox);
    if (settings.runs("intake")) {
      if (settings.intakeByWrk()) {
        intake.withWrk(dir);
      }
      report.put("intake", intake.runAll(settings.intakeConcurrency(), settings.intakeWarmUp(), settings.intakeDuration()));
    }
    if (settings.runs("hold")) {
      hold(settings.hold(), hookBaseUrl, intake, storm, dir);
    }
  }

  /**
   * Keeps the EHR and CareLoop running for {@code duration}, for a load generator of one's own:
   * prints where the hook is and writes a wrk script making the intake scenario's deliveries.
   */
  private static void hold(Duration duration, String hookBaseUrl, IntakeScenario intake, BookingStormScenario storm,
      Path dir) throws Exception {
    Path script = HookLoadScript.write(dir, hookBaseUrl, CareLoopInstance.SECRET, intake.template());
    System.out.println("[bench] holding for " + duration + ": CareLoop's hook is " + hookBaseUrl
        + " (secret " + CareLoopInstance.SECRET + "); e.g. wrk -t2 -c32 -d30s --latency -s " + script + " "
        + hookBaseUrl);
    long until = System.nanoTime() + duration.toNanos();
    while (System.nanoTime() < until) {
      Thread.sleep(Math.min(10_000, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
      System.out.println("[bench] holding: inbox events pending " + storm.pendingInbox());
    }
  }

  /** Deletes the Subscriptions CareLoop left in the EHR (found by their tag); a CareLoop that starts makes its own. */
  private static void removeCareLoopSubscriptions(IGenericClient ehr) throws InterruptedException {
    String tag = CareLoopFhir.SUBSCRIPTION_TAG_SYSTEM;
    Bundle found = ehr.search().byUrl("Subscription?_count=100&_tag=" + tag + "|appointment," + tag + "|encounter")
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute();
    for (Bundle.BundleEntryComponent entry : found.getEntry()) {
      ehr.delete().resourceById(entry.getResource().getIdElement().toUnqualifiedVersionless()).execute();
    }
    if (!found.getEntry().isEmpty()) {
      System.out.println("[bench] removed " + found.getEntry().size() + " CareLoop Subscription(s) left in the EHR");
      // The EHR's Subscription registry follows deletions asynchronously.
      Thread.sleep(2000);
    }
  }

  /**
   * A client of the EHR for the harness's own loads and raw measurements: a transaction of 500
   * creates, or a page, may take longer than the default 10 s read timeout on a busy machine.
   */
  private static IGenericClient harnessClient(String baseUrl) {
    FhirContext context = FhirContext.forR4();
    context.getRestfulClientFactory().setSocketTimeout((int) Duration.ofMinutes(10).toMillis());
    context.getRestfulClientFactory().setConnectionRequestTimeout((int) Duration.ofMinutes(10).toMillis());
    return context.newRestfulGenericClient(baseUrl);
  }

  /**
   * Runs one of the scenarios when chosen, its figures into the report under {@code key}; one that
   * fails is reported as failed (its exception's class and message: test data only) and the run
   * goes on, so that a long run's other figures are not lost.
   */
  private static void measure(BenchSettings settings, String scenario, Map<String, Object> report, String key,
      Callable<Map<String, Object>> run) {
    if (!settings.runs(scenario)) {
      return;
    }
    System.out.println("[bench] " + scenario + " starts");
    try {
      Map<String, Object> result = run.call();
      System.out.println("[bench] " + scenario + " " + result);
      report.put(key, result);
    } catch (Exception e) {
      e.printStackTrace();
      report.put(key, Map.of("failed", e.getClass().getName() + ": " + e.getMessage()));
    }
  }

  private static Map<String, Object> without(Map<String, Object> map, String key) {
    Map<String, Object> copy = new LinkedHashMap<>(map);
    copy.remove(key);
    return copy;
  }

  private Benchmark() {}

  /**
   * The server's settings that change what the figures mean: without autovacuum no table is ever
   * analyzed, so the planner guesses the size of CareLoop's fast-growing tables (its job queues
   * above all) and may scan them whole; with fsync or synchronous commit off, a commit costs less
   * than a durable one.
   */
  private static Map<String, String> postgresSettings(JdbcTemplate db) {
    Map<String, String> settings = new TreeMap<>();
    db.query("select name, setting from pg_settings where name in ('autovacuum', 'fsync', 'synchronous_commit',"
        + " 'shared_buffers', 'max_connections')", rs -> {
          settings.put(rs.getString("name"), rs.getString("setting"));
        });
    return settings;
  }
}
