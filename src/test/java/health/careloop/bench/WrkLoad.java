package health.careloop.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Deliveries made by <a href="https://github.com/wg/wrk">wrk</a> (a load generator in C, with the
 * {@link HookLoadScript}) instead of the benchmark's own Java client: a client that costs the
 * shared cores far less, as an operator's own load test would use. wrk must be on the PATH
 * (Debian: {@code apt-get install wrk}).
 */
final class WrkLoad {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path script;
  private final String hookBaseUrl;

  WrkLoad(Path script, String hookBaseUrl) {
    this.script = script;
    this.hookBaseUrl = hookBaseUrl;
  }

  /** Fails with what to do when wrk cannot be run. */
  static void requireInstalled() {
    try {
      Process p = new ProcessBuilder("wrk", "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      p.waitFor();
    } catch (IOException e) {
      throw new IllegalStateException("bench.intake.generator=wrk needs wrk on the PATH (Debian: apt-get install wrk)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** {@code connections} connections for {@code duration} (whole seconds, at least one). */
  IntakeScenario.Counted run(int connections, Duration duration) throws IOException, InterruptedException {
    long seconds = Math.max(1, duration.toSeconds());
    List<String> command = List.of("wrk", "-t" + Math.min(2, connections), "-c" + connections, "-d" + seconds + "s",
        "--timeout", "60s", "-s", script.toString(), hookBaseUrl);
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    String line = output.lines().filter(l -> l.startsWith(HookLoadScript.RESULT)).findFirst()
        .orElseThrow(() -> new IllegalStateException("wrk (exit " + exit + ") printed no figures:\n" + output));
    return parse(line.substring(HookLoadScript.RESULT.length()));
  }

  static IntakeScenario.Counted parse(String json) throws IOException {
    JsonNode n = JSON.readTree(json);
    long failedStatus = n.get("status").asLong();
    long socketErrors = n.get("connect").asLong() + n.get("read").asLong() + n.get("write").asLong()
        + n.get("timeout").asLong();
    return new IntakeScenario.Counted(n.get("requests").asLong() - failedStatus, failedStatus + socketErrors,
        n.get("durationMicros").asLong() / 1e6, n.get("p50Micros").asLong(), n.get("p99Micros").asLong(),
        n.get("maxMicros").asLong());
  }
}
