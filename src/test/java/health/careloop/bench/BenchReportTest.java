package health.careloop.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchReportTest {

  @Test
  void theMarkdownHasTheMachineAndOneRowPerIntakeLevel() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("machineAtStart", Map.of("cores", 2));
    report.put("machineAtEnd", Map.of("cores", 2));
    Map<String, Object> level = new LinkedHashMap<>();
    level.put("concurrency", 8);
    level.put("acceptedPerSecond", 123.4);
    level.put("accepted", 1234);
    level.put("failed", 0);
    level.put("p50Ms", 12.5);
    level.put("p99Ms", 80.1);
    level.put("maxMs", 95.0);
    level.put("pendingInboxAfter", 7);
    report.put("intake", List.of(level));

    String md = BenchReport.markdown(report);

    assertThat(md).contains("| cores | 2 | 2 |");
    assertThat(md).contains("| 8 | 123.4 | 1234 | 0 | 12.5 | 80.1 | 95.0 | 7 |");
    assertThat(md).doesNotContain("Booking storm");
  }

  @Test
  void theDispatchFiguresAreOneTableWithTheRawRatesBesideCareLoops() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("machineAtStart", Map.of("cores", 2));
    Map<String, Object> dispatch = new LinkedHashMap<>();
    dispatch.put("careLoopPerSecond", 41.5);
    dispatch.put("rawEhr", Map.of("singleC1PerSecond", 83.0));
    report.put("dispatch", dispatch);

    String md = BenchReport.markdown(report);

    assertThat(md).contains("## Dispatch");
    assertThat(md).contains("| careLoopPerSecond | 41.5 |");
    assertThat(md).contains("| rawEhr.singleC1PerSecond | 83.0 |");
    assertThat(md).doesNotContain("## Catch-up");
  }
}
