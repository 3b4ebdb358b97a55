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
 * and a CareLoop of their own; the storm (with its warm-up) and intake against CareLoop in a
 * process of its own; and the report they write. Its figures mean nothing (tiny sizes, a
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
    p.setProperty("bench.dispatch.warm-up-messages", "5");
    p.setProperty("bench.dispatch.raw-count", "20");
    p.setProperty("bench.dispatch.timeout", "PT60S");
    p.setProperty("bench.catch-up.appointments", "100");

    Benchmark.run(SandboxEhr.shared(), BenchSettings.from(p), dir);

    JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertThat(report.at("/machineAtStart/loadAverage1m").isNumber()).isTrue();
    assertThat(report.at("/machineAtEnd/loadAverage1m").isNumber()).isTrue();
    assertThat(report.at("/postgresSettings/autovacuum").asText()).isIn("on", "off");
    JsonNode dispatch = report.get("dispatch");
    assertThat(dispatch.path("failed").isMissingNode()).as("dispatch: %s", dispatch).isTrue();
    assertThat(dispatch.get("warmUpMessages").asInt()).isEqualTo(5);
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
    assertThat(catchUp.get("rawFoundBefore").asInt()).isEqualTo(catchUp.get("careLoopFound").asInt());
    assertThat(catchUp.get("ratioCareLoopToRawBefore").asDouble()).isPositive();
    assertThat(Files.readString(dir.resolve("report.md")))
        .contains("## Dispatch", "| careLoopPerSecond |", "## Catch-up", "| rawPerSecond |");
  }

  @Test
  void theStormAfterItsWarmUp_andIntake_runAgainstCareLoopInAProcessOfItsOwn() throws Exception {
    Properties p = new Properties();
    p.setProperty("bench.scenarios", "storm,intake");
    p.setProperty("bench.storm.rate", "5");
    p.setProperty("bench.storm.warm-up", "PT2S");
    p.setProperty("bench.storm.duration", "PT3S");
    p.setProperty("bench.storm.drain-timeout", "PT90S");
    p.setProperty("bench.storm.patients", "5");
    p.setProperty("bench.intake.concurrency", "1");
    p.setProperty("bench.intake.warm-up", "PT1S");
    p.setProperty("bench.intake.duration", "PT2S");

    Benchmark.run(SandboxEhr.shared(), BenchSettings.from(p), dir);

    JsonNode report = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertThat(report.get("careLoop").asText()).startsWith("its own process");
    JsonNode storm = report.get("bookingStorm");
    assertThat(storm.get("warmUpAllConfirmed").asBoolean()).as("storm: %s", storm).isTrue();
    assertThat(storm.get("booked").asInt()).isPositive();
    assertThat(storm.get("notConfirmedWithinDrainTimeout").asInt()).as("storm: %s", storm).isZero();
    assertThat(storm.at("/confirmationLatencyFromReceivedMs/count").asInt()).isEqualTo(storm.get("booked").asInt());
    assertThat(storm.at("/backlog/0/confirmationsDue").isIntegralNumber()).as("storm: %s", storm).isTrue();
    assertThat(storm.get("maxConfirmationsDue").isIntegralNumber()).as("storm: %s", storm).isTrue();
    JsonNode intake = report.at("/intake/0");
    assertThat(intake.get("accepted").asInt()).as("intake: %s", intake).isPositive();
    assertThat(intake.get("failed").asInt()).as("intake: %s", intake).isZero();
  }
}
