package health.careloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.careloop.sandbox.SandboxEhr;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark harness end to end at a tiny size, in the normal test run, so that it cannot rot
 * unnoticed between benchmark runs: the dispatch and catch-up scenarios on the shared sandbox EHR
 * and a CareLoop of their own, and the report they write. Its figures mean nothing (tiny sizes, a
 * busy test JVM): only that each was measured.
 */
class BenchSmokeIT {

  @TempDir
  Path dir;

  @Test
  void dispatchAndCatchUpRunAndWriteTheirFigures() throws Exception {
    Properties p = new Properties();
    p.setProperty("bench.scenarios", "dispatch,catch-up");
    p.setProperty("bench.dispatch.messages", "20");
    p.setProperty("bench.dispatch.raw-count", "20");
    p.setProperty("bench.dispatch.timeout", "PT60S");
    p.setProperty("bench.catch-up.appointments", "100");

    Benchmark.run(SandboxEhr.shared(), BenchSettings.from(p), dir);

    JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertThat(report.at("/machineAtStart/loadAverage1m").isNumber()).isTrue();
    assertThat(report.at("/machineAtEnd/loadAverage1m").isNumber()).isTrue();
    JsonNode dispatch = report.get("dispatch");
    assertThat(dispatch.path("failed").isMissingNode()).as("dispatch: %s", dispatch).isTrue();
    assertThat(dispatch.at("/statuses/SENT").asInt()).isEqualTo(20);
    assertThat(dispatch.get("allSentWithinTimeout").asBoolean()).isTrue();
    assertThat(dispatch.get("communicationsGainedInEhr").asInt()).isGreaterThanOrEqualTo(20);
    assertThat(dispatch.get("careLoopPerSecond").asDouble()).isPositive();
    for (String way : new String[] {"singleC1", "singleC8", "bundlesOf50"}) {
      assertThat(dispatch.at("/rawEhr/" + way + "PerSecond").asDouble()).as(way).isPositive();
      assertThat(dispatch.at("/ratioCareLoopToRaw/" + way).asDouble()).as(way).isPositive();
    }
    JsonNode catchUp = report.get("catchUp");
    assertThat(catchUp.path("failed").isMissingNode()).as("catch-up: %s", catchUp).isTrue();
    assertThat(catchUp.get("careLoopFound").asInt()).isGreaterThanOrEqualTo(100);
    assertThat(catchUp.get("rawFound").asInt()).isEqualTo(catchUp.get("careLoopFound").asInt());
    assertThat(catchUp.get("careLoopPerSecond").asDouble()).isPositive();
    assertThat(catchUp.get("ratioCareLoopToRaw").asDouble()).isPositive();
    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("## Dispatch", "| careLoopPerSecond |", "## Catch-up", "| rawPerSecond |");
  }
}
