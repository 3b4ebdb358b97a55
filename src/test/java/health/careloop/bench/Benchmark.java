package health.careloop.bench;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The benchmark run ({@code ./mvnw -Pbench verify}, docs/benchmarks.md): a real HAPI FHIR JPA EHR
 * (the sandbox) and a real CareLoop on PostgreSQL in this JVM, the scenarios one after the other,
 * then target/bench/report.md and report.json.
 */
public final class Benchmark {

  public static void main(String[] args) throws Exception {
    BenchSettings settings = BenchSettings.from(System.getProperties());
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("settings", settings);
    report.put("machineAtStart", MachineInfo.describe());
    try (SandboxEhr ehr = SandboxEhr.start(0, settings.ehrFastDelivery())) {
      // As the end-to-end tests run it (fresh PostgreSQL schema, confirmations due at once); the
      // extension's start ignores its JUnit context.
      CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr);
      careLoop.beforeAll(null);
      try {
        report.put("postgres", careLoop.bean(JdbcTemplate.class).queryForObject("select version()", String.class));
        EhrFixtures fixtures = new EhrFixtures(ehr.client());
        String locationId = fixtures.location("Bench clinic", "Europe/London");
        List<String> patients = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
          patients.add(fixtures.patient("Bench" + i, "en", "Europe/London"));
        }
        BookingStormScenario storm = new BookingStormScenario(
            ehr.client(), careLoop.bean(JdbcTemplate.class), patients, locationId);
        // The storm first: the intake scenario leaves thousands of appointments to plan and confirm
        // behind it, which would be the storm's background load.
        if (settings.runs("storm")) {
          System.out.println("[bench] booking storm: " + settings.stormRate() + "/s for " + settings.stormDuration());
          Map<String, Object> result = storm.run(settings.stormRate(), settings.stormDuration(), settings.stormDrainTimeout());
          System.out.println("[bench] storm " + without(result, "backlog"));
          report.put("bookingStorm", result);
        }
        if (settings.runs("intake")) {
          IntakeScenario intake = new IntakeScenario(careLoop.hookBaseUrl(), CareLoopInstance.SECRET,
              patients.get(0), locationId, storm::pendingInbox);
          report.put("intake", intake.runAll(settings.intakeConcurrency(), settings.intakeWarmUp(), settings.intakeDuration()));
        }
      } finally {
        careLoop.close();
      }
    }
    report.put("machineAtEnd", MachineInfo.describe());
    Path dir = Path.of("target", "bench");
    BenchReport.write(report, dir);
    System.out.println("[bench] wrote " + dir.resolve("report.md").toAbsolutePath() + " and report.json");
    // HAPI's and db-scheduler's pools may keep non-daemon threads a while after their contexts close.
    System.exit(0);
  }

  private static Map<String, Object> without(Map<String, Object> map, String key) {
    Map<String, Object> copy = new LinkedHashMap<>(map);
    copy.remove(key);
    return copy;
  }

  private Benchmark() {}
}
