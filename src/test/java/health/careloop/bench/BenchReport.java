package health.careloop.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes a run's figures as report.json (everything) and report.md (the tables a reader wants). */
final class BenchReport {

  static void write(Map<String, Object> report, Path dir) throws IOException {
    Files.createDirectories(dir);
    ObjectMapper json = new ObjectMapper().findAndRegisterModules()
        .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
        .enable(SerializationFeature.INDENT_OUTPUT);
    Files.writeString(dir.resolve("report.json"), json.writeValueAsString(report));
    Files.writeString(dir.resolve("report.md"), markdown(report));
  }

  @SuppressWarnings("unchecked")
  static String markdown(Map<String, Object> report) {
    StringBuilder md = new StringBuilder("# CareLoop benchmark\n\n");
    md.append("What each figure means: docs/benchmarks.md. Figures from a shared machine are noisy: ")
        .append("compare runs on the same machine, and read the load averages below.\n\n");
    md.append("## Machine\n\n| | at start | at end |\n|---|---|---|\n");
    Map<String, Object> start = (Map<String, Object>) report.get("machineAtStart");
    Map<String, Object> end = (Map<String, Object>) report.getOrDefault("machineAtEnd", Map.of());
    for (String key : start.keySet()) {
      md.append("| ").append(key).append(" | ").append(start.get(key)).append(" | ")
          .append(end.getOrDefault(key, "")).append(" |\n");
    }
    md.append("| PostgreSQL | ").append(report.get("postgres")).append(" | |\n");
    md.append("| PostgreSQL settings | ").append(report.getOrDefault("postgresSettings", "")).append(" | |\n");
    md.append("\nSettings: `").append(report.get("settings")).append("`\n");

    Map<String, Object> storm = (Map<String, Object>) report.get("bookingStorm");
    if (storm != null) {
      md.append("\n## Booking storm\n\n| figure | value |\n|---|---|\n");
      storm.forEach((key, value) -> {
        if (!key.equals("backlog")) {
          md.append("| ").append(key).append(" | ").append(value).append(" |\n");
        }
      });
      md.append("\nBacklog by second since the storm began: inbox events not yet planned (PENDING), confirmations due"
              + " and not yet sent:\n\n")
          .append("| s | inbox pending | confirmations due | booked | confirmed |\n|---|---|---|---|---|\n");
      for (Map<String, Object> sample : (List<Map<String, Object>>) storm.get("backlog")) {
        md.append("| ").append(sample.get("second")).append(" | ").append(sample.get("inboxPending"))
            .append(" | ").append(sample.get("confirmationsDue"))
            .append(" | ").append(sample.get("booked")).append(" | ").append(sample.get("confirmed")).append(" |\n");
      }
    }
    List<Map<String, Object>> intake = (List<Map<String, Object>>) report.get("intake");
    if (intake != null) {
      md.append("\n## Intake (rest-hook deliveries)\n\n")
          .append("| concurrency | accepted/s | accepted | failed | p50 ms | p99 ms | max ms | inbox pending after |\n")
          .append("|---|---|---|---|---|---|---|---|\n");
      for (Map<String, Object> level : intake) {
        md.append("| ").append(level.get("concurrency")).append(" | ").append(level.get("acceptedPerSecond"))
            .append(" | ").append(level.get("accepted")).append(" | ").append(level.get("failed"))
            .append(" | ").append(level.get("p50Ms")).append(" | ").append(level.get("p99Ms"))
            .append(" | ").append(level.get("maxMs")).append(" | ").append(level.get("pendingInboxAfter")).append(" |\n");
      }
    }
    figures(md, "Dispatch (N messages due at once; raw: the same EHR from a plain client)",
        (Map<String, Object>) report.get("dispatch"));
    figures(md, "Catch-up (CareLoop's $sync beside raw _lastUpdated paging)", (Map<String, Object>) report.get("catchUp"));
    figures(md, "Two instances (the dispatch's reminders, one CareLoop process, then two on one database)",
        (Map<String, Object>) report.get("twoInstances"));
    figures(md, "Memory and start-up (CareLoop as a process of its own)", (Map<String, Object>) report.get("memory"));
    return md.toString();
  }

  /** A scenario's figures as one table; a nested map's figures as {@code outer.inner}. */
  @SuppressWarnings("unchecked")
  private static void figures(StringBuilder md, String title, Map<String, Object> figures) {
    if (figures == null) {
      return;
    }
    md.append("\n## ").append(title).append("\n\n| figure | value |\n|---|---|\n");
    figures.forEach((key, value) -> {
      if (value instanceof Map<?, ?> nested) {
        ((Map<String, Object>) nested).forEach((inner, v) ->
            md.append("| ").append(key).append('.').append(inner).append(" | ").append(v).append(" |\n"));
      } else {
        md.append("| ").append(key).append(" | ").append(value).append(" |\n");
      }
    });
  }

  private BenchReport() {}
}
