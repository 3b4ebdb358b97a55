package health.careloop.bench;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.CareLoopProcess;
import health.careloop.support.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CareLoop as a process of its own ({@link CareLoopProcess}: its test JVM options) on an empty
 * database, then on the same database holding {@code count} pending planned messages with their
 * dispatch jobs: how long it takes from the process's start to ready, and the heap it uses after a
 * full GC ({@code jcmd GC.run}, then {@code GC.heap_info}). The rows: {@link BulkPlannedMessages},
 * due a month ahead.
 */
final class MemoryScenario {

  /**
   * The used size of each generation (the serial collector: young and tenured, summed), or of the
   * whole heap (G1, the JVM's default, prints one line for it).
   */
  private static final Pattern USED = Pattern.compile("(?:generation|garbage-first heap)\\s+total \\d+K, used (\\d+)K");
  private static final Pattern METASPACE = Pattern.compile("Metaspace\\s+used (\\d+)K");

  private final BulkPlannedMessages bulk;
  private final SandboxEhr ehr;
  private final CareLoopProcess.Launch launch;

  MemoryScenario(BulkPlannedMessages bulk, SandboxEhr ehr, CareLoopProcess.Launch launch) {
    this.bulk = bulk;
    this.ehr = ehr;
    this.launch = launch;
  }

  Map<String, Object> run(int count) throws Exception {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("plannedMessages", count);
    result.put("jvm", Benchmark.processJvm(launch, CareLoopProcess.TEST_JVM));
    TestDatabase database = TestDatabase.freshPostgres();
    // The first start migrates the empty schema (Flyway), as a first installation does.
    result.put("emptyDatabase", startMeasureStop("bench-memory-empty", database));

    long insertStart = System.nanoTime();
    bulk.copyInto(BulkPlannedMessages.schemaOf(database), count);
    result.put("insertSeconds", IntakeScenario.round((System.nanoTime() - insertStart) / 1e9));
    result.put("withPlannedMessages", startMeasureStop("bench-memory-" + count, database));
    return result;
  }

  private Map<String, Object> startMeasureStop(String name, TestDatabase database) throws Exception {
    Map<String, Object> m = new LinkedHashMap<>();
    CareLoopProcess process = CareLoopProcess.start(name, ehr, database, null, Map.of(), launch,
        CareLoopProcess.TEST_JVM);
    try {
      // From the JVM's launch: extracting the jar or building its archive (the first start after a
      // build) is packaging, done once, not start-up.
      m.put("secondsToReady", IntakeScenario.round(process.launchedToReady().toNanos() / 1e9));
      jcmd(process.pid(), "GC.run");
      String heap = jcmd(process.pid(), "GC.heap_info");
      m.put("heapUsedAfterFullGcMb", usedKb(USED, heap) / 1024);
      m.put("metaspaceUsedMb", usedKb(METASPACE, heap) / 1024);
    } finally {
      process.stop();
    }
    return m;
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        Long.toString(pid), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + out);
    }
    return out;
  }

  private static long usedKb(Pattern pattern, String heapInfo) {
    Matcher m = pattern.matcher(heapInfo);
    long kb = 0;
    boolean found = false;
    while (m.find()) {
      kb += Long.parseLong(m.group(1));
      found = true;
    }
    if (!found) {
      throw new IllegalStateException("GC.heap_info had no '" + pattern + "': " + heapInfo);
    }
    return kb;
  }
}
