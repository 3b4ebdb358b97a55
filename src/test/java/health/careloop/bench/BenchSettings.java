package health.careloop.bench;

import health.careloop.support.CareLoopProcess.Launch;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * What one benchmark run does, from system properties (the {@code bench} Maven profile passes
 * them on; docs/benchmarks.md lists them). A bad value stops the run before anything starts, with
 * a message naming the property.
 */
record BenchSettings(
    Duration intakeWarmUp,
    Duration intakeDuration,
    List<Integer> intakeConcurrency,
    int stormRate,
    Duration stormWarmUp,
    Duration stormDuration,
    int stormPatients,
    Duration stormDrainTimeout,
    boolean ehrFastDelivery,
    List<String> scenarios,
    int dispatchMessages,
    int dispatchWarmUpMessages,
    int dispatchRawCount,
    Duration dispatchTimeout,
    int catchUpAppointments,
    int memoryPlannedMessages,
    boolean careLoopInOwnProcess,
    List<String> careLoopJvmOptions,
    Launch careLoopLaunch,
    Duration hold,
    boolean intakeByWrk) {

  /** Every scenario there is, in the order a run makes them. */
  static final List<String> SCENARIOS = List.of("storm", "intake", "hold", "dispatch", "catch-up", "two-instances", "memory");

  static BenchSettings from(Properties p) {
    return new BenchSettings(
        duration(p, "bench.intake.warm-up", "PT5S"),
        duration(p, "bench.intake.duration", "PT10S"),
        integers(p, "bench.intake.concurrency", "1,8,32,64"),
        positive(p, "bench.storm.rate", "50"),
        durationOrZero(p, "bench.storm.warm-up", "PT30S"),
        duration(p, "bench.storm.duration", "PT60S"),
        positive(p, "bench.storm.patients", "1000"),
        duration(p, "bench.storm.drain-timeout", "PT120S"),
        Boolean.parseBoolean(p.getProperty("bench.ehr.fast-delivery", "false")),
        scenarios(p),
        positive(p, "bench.dispatch.messages", "50000"),
        zeroOrMore(p, "bench.dispatch.warm-up-messages", "1000"),
        positive(p, "bench.dispatch.raw-count", "2000"),
        duration(p, "bench.dispatch.timeout", "PT60M"),
        positive(p, "bench.catch-up.appointments", "100000"),
        positive(p, "bench.memory.planned-messages", "1000000"),
        careLoopInOwnProcess(p),
        List.of(p.getProperty("bench.careloop.jvm-args", "-Xmx1g").strip().split("\\s+")),
        careLoopLaunch(p),
        duration(p, "bench.hold", "PT10M"),
        intakeByWrk(p));
  }

  /**
   * {@code bench.careloop.launch}: where CareLoop's processes find its code, {@code jar} (the
   * default: the packaged jar, as production runs it), {@code extracted} (that jar extracted, as
   * Spring Boot recommends for a deployment), {@code cds} (extracted, with the start-up archive
   * CareLoop's image builds) or {@code class-path} (the benchmark's own, the
   * sandbox EHR's jars with it).
   */
  private static Launch careLoopLaunch(Properties p) {
    String value = p.getProperty("bench.careloop.launch", "jar").strip();
    return switch (value) {
      case "jar" -> Launch.JAR;
      case "extracted" -> Launch.EXTRACTED;
      case "cds" -> Launch.CDS;
      case "class-path" -> Launch.CLASS_PATH;
      default -> throw new IllegalArgumentException(
          "bench.careloop.launch must be jar, extracted, cds or class-path, was " + value);
    };
  }

  /**
   * {@code bench.intake.generator}: who makes the intake scenario's deliveries, {@code java} (the
   * default: the benchmark's own client, in its JVM beside the EHR) or {@code wrk}.
   */
  private static boolean intakeByWrk(Properties p) {
    return oneOfTwo(p, "bench.intake.generator", "java", "wrk", "java");
  }

  /** {@code bench.careloop}: {@code process} (the default) or {@code in-process}. */
  private static boolean careLoopInOwnProcess(Properties p) {
    return oneOfTwo(p, "bench.careloop", "in-process", "process", "process");
  }

  /** Whether {@code key} (default {@code fallback}) is {@code yes} rather than {@code no}; anything else is refused. */
  private static boolean oneOfTwo(Properties p, String key, String no, String yes, String fallback) {
    String value = p.getProperty(key, fallback).strip();
    if (!value.equals(no) && !value.equals(yes)) {
      throw new IllegalArgumentException(key + " must be " + no + " or " + yes + ", was " + value);
    }
    return value.equals(yes);
  }

  boolean runs(String scenario) {
    return scenarios.contains(scenario);
  }

  private static List<String> scenarios(Properties p) {
    List<String> names = Arrays.stream(p.getProperty("bench.scenarios", "storm,intake").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).toList();
    for (String name : names) {
      if (!SCENARIOS.contains(name)) {
        throw new IllegalArgumentException("bench.scenarios: unknown scenario '" + name + "' ("
            + String.join(", ", SCENARIOS) + ")");
      }
    }
    return names;
  }

  private static Duration duration(Properties p, String key, String fallback) {
    return duration(p, key, fallback, false);
  }

  /** As {@link #duration}, zero allowed (a step that is skipped). */
  private static Duration durationOrZero(Properties p, String key, String fallback) {
    return duration(p, key, fallback, true);
  }

  private static Duration duration(Properties p, String key, String fallback, boolean zeroAllowed) {
    String value = p.getProperty(key, fallback);
    try {
      Duration d = Duration.parse(value);
      if (d.isNegative() || (d.isZero() && !zeroAllowed)) {
        throw new IllegalArgumentException(key + " must be a" + (zeroAllowed ? " zero or" : "")
            + " positive ISO-8601 duration, was " + value);
      }
      return d;
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException(key + " must be an ISO-8601 duration such as PT10S, was " + value, e);
    }
  }

  private static int zeroOrMore(Properties p, String key, String fallback) {
    return atLeast(p, key, fallback, 0);
  }

  private static int positive(Properties p, String key, String fallback) {
    return atLeast(p, key, fallback, 1);
  }

  private static int atLeast(Properties p, String key, String fallback, int least) {
    String value = p.getProperty(key, fallback);
    String expected = key + " must be " + (least == 0 ? "zero or " : "") + "a positive integer, was " + value;
    int n;
    try {
      n = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(expected, e);
    }
    if (n < least) {
      throw new IllegalArgumentException(expected);
    }
    return n;
  }

  private static List<Integer> integers(Properties p, String key, String fallback) {
    String value = p.getProperty(key, fallback);
    try {
      List<Integer> levels = Arrays.stream(value.split(",")).map(String::trim).map(Integer::parseInt).toList();
      if (levels.isEmpty() || levels.stream().anyMatch(n -> n <= 0)) {
        throw new IllegalArgumentException(key + " must list positive integers, was " + value);
      }
      return levels;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must list positive integers such as 1,8,32, was " + value, e);
    }
  }
}
