package health.careloop.support;

import health.careloop.CareLoopApplication;
import health.careloop.sandbox.SandboxClasspath;
import health.careloop.sandbox.SandboxEhr;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.Subscription;

/**
 * CareLoop in a JVM of its own ({@code java -cp <this JVM's class path> CareLoopApplication
 * --key=value ...}, or {@code java -jar <CareLoop's packaged jar> --key=value ...}: {@link Launch}),
 * for the faults only a real process shows: a SIGKILL in the middle of its work, two replicas on
 * one database, the database going away under it; and for the benchmark. Same test settings as
 * {@link CareLoopInstance} (quiet hours off, catch-up, referrals and digest off unless asked), but
 * the real clock: book appointments a few days ahead so their confirmations are due at once.
 *
 * <p>Its stdout and stderr go to a file under {@code target/fault-logs/} (appended across
 * restarts, so one file tells the process's whole life); {@link #logTail} puts the end of it into
 * assertion messages. It keeps its port across restarts, so the Subscriptions it registered stay
 * pointed at it.
 */
public final class CareLoopProcess implements AutoCloseable {

  /** What the JVM reports as the exit status of a process ended by signal 9 (128 + 9). */
  static final int KILLED_BY_SIGKILL = 137;
  private static final Duration READY_WITHIN = Duration.ofSeconds(120);
  /** System property: extra options for every CareLoop process's JVM ({@link #extraJvmOptions}). */
  public static final String JVM_OPTIONS = "careloop.process.jvm-options";
  private static final Pattern SENT = Pattern.compile("Planned message (\\S+) sent as ");

  private final String name;
  private final SandboxEhr ehr;
  private final Map<String, Object> properties;
  private final int port;
  private final String subscriptionHook;
  private final Path log;
  private final List<String> launchArguments;
  private final List<String> jvmOptions;
  private Process process;
  private long launchedAt;
  private Duration launchedToReady;

  /** Small and quick to start: C1 only, a heap of its own size, not the test JVM's. */
  public static final List<String> TEST_JVM = List.of("-Xmx768m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  /** Where the process's JVM finds CareLoop. */
  public enum Launch {
    /**
     * CareLoop's packaged Spring Boot jar ({@link CareLoopJar}), as production runs it: CareLoop's
     * runtime dependencies only. {@link CareLoopApplication} only; the jar must have been built.
     */
    JAR,
    /**
     * The same jar extracted as Spring Boot recommends for a deployment ({@link
     * CareLoopJar#extracted}): the same code and libraries, loaded from plain jars rather than
     * jars nested in the jar, which starts seconds faster.
     */
    EXTRACTED,
    /**
     * Extracted, with the class data sharing archive CareLoop's image builds ({@link
     * CareLoopJar#withStartupArchive}): how the image starts. {@code -Xshare:on}: a JVM that cannot
     * map the archive stops rather than start without it unnoticed.
     */
    CDS,
    /**
     * This JVM's class path, test code and the sandbox EHR's jars (HAPI's JPA server, Hibernate
     * Search, Envers...) with it: a test main class (e.g. {@link PauseAfterSend}) can run, and
     * nothing needs packaging; the EHR's jars cost the start a fraction of a second
     * (docs/benchmarks.md, "Start-up from the packaged jar").
     */
    CLASS_PATH
  }

  private CareLoopProcess(String name, SandboxEhr ehr, Map<String, Object> properties, int port,
      String subscriptionHook, Path log, List<String> launchArguments, List<String> jvmOptions) {
    this.launchArguments = List.copyOf(launchArguments);
    this.jvmOptions = List.copyOf(jvmOptions);
    this.name = name;
    this.ehr = ehr;
    this.properties = properties;
    this.port = port;
    this.subscriptionHook = subscriptionHook;
    this.log = log;
  }

  /**
   * Starts CareLoop on {@code database} against {@code ehr} and returns once it is ready: its
   * health endpoint answers 200 and its two Subscriptions are active in the EHR.
   *
   * @param name names the log file ({@code target/fault-logs/<name>.log})
   * @param publicBase CareLoop's FHIR base as the EHR reaches it (e.g. a load balancer before two
   *     replicas), or null: this process's own {@code http://localhost:<port>/fhir}
   * @param extra settings of the test; they win over the defaults here
   */
  public static CareLoopProcess start(String name, SandboxEhr ehr, TestDatabase database, String publicBase,
      Map<String, Object> extra) {
    return start(name, ehr, database, publicBase, extra, CareLoopApplication.class);
  }

  /**
   * The same with another main class: CareLoop's context with test configuration added (e.g.
   * {@link PauseAfterSend}).
   */
  public static CareLoopProcess start(String name, SandboxEhr ehr, TestDatabase database, String publicBase,
      Map<String, Object> extra, Class<?> mainClass) {
    return start(name, ehr, database, publicBase, extra, mainClass, TEST_JVM);
  }

  /**
   * The same with JVM options of the caller's (e.g. a benchmark's, measuring CareLoop as it runs in
   * production: C2 and the default collector, not {@link #TEST_JVM}'s quick start).
   */
  public static CareLoopProcess start(String name, SandboxEhr ehr, TestDatabase database, String publicBase,
      Map<String, Object> extra, Class<?> mainClass, List<String> jvmOptions) {
    return start(name, ehr, database, publicBase, extra,
        List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()), false, jvmOptions);
  }

  /**
   * {@link CareLoopApplication} started as {@code launch} says, with these JVM options (e.g.
   * {@link #TEST_JVM}).
   */
  public static CareLoopProcess start(String name, SandboxEhr ehr, TestDatabase database, String publicBase,
      Map<String, Object> extra, Launch launch, List<String> jvmOptions) {
    return switch (launch) {
      case JAR -> start(name, ehr, database, publicBase, extra,
          List.of("-jar", CareLoopJar.locate().toAbsolutePath().toString()), true, jvmOptions);
      case EXTRACTED -> start(name, ehr, database, publicBase, extra,
          List.of("-jar", CareLoopJar.extracted().toAbsolutePath().toString()), true, jvmOptions);
      case CDS -> {
        CareLoopJar.ArchivedStart archived = CareLoopJar.withStartupArchive();
        yield start(name, ehr, database, publicBase, extra, List.of("-Xshare:on",
            "-XX:SharedArchiveFile=" + archived.archive().toAbsolutePath(),
            "-jar", archived.jar().toAbsolutePath().toString()), true, jvmOptions);
      }
      case CLASS_PATH -> start(name, ehr, database, publicBase, extra, CareLoopApplication.class, jvmOptions);
    };
  }

  private static CareLoopProcess start(String name, SandboxEhr ehr, TestDatabase database, String publicBase,
      Map<String, Object> extra, List<String> launchArguments, boolean fromJar, List<String> jvmOptions) {
    int port = freePort();
    Map<String, Object> p = new LinkedHashMap<>(
        CareLoopInstance.testProperties(database, ehr.baseUrl(), port, publicBase == null ? "" : publicBase));
    // Unlike in-process instances, a process runs on the real clock for minutes: its Subscriptions'
    // supervision runs as in production.
    p.remove("careloop.subscriptions.check-every");
    if (fromJar) {
      // They undo what the sandbox EHR's jars on the test class path would switch on; the jar has
      // none of them, so it runs with production's configuration.
      SandboxClasspath.propertiesForOtherApplications().keySet().forEach(p::remove);
    }
    p.putAll(extra);
    String hook = publicBase == null
        ? "http://localhost:" + port + "/hook"
        : publicBase.replaceAll("/fhir/?$", "/hook");
    Path logFile = Path.of("target", "fault-logs", name + ".log");
    try {
      Files.createDirectories(logFile.getParent());
      Files.deleteIfExists(logFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    CareLoopProcess careLoop = new CareLoopProcess(name, ehr, p, port, hook, logFile, launchArguments, jvmOptions);
    careLoop.startAgain();
    return careLoop;
  }

  /** Starts the process again (same port, same database) and waits until it is ready. */
  public void startAgain() {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is still running");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-Dfile.encoding=UTF-8");
    command.addAll(extraJvmOptions());
    command.addAll(launchArguments);
    properties.forEach((key, value) -> command.add("--" + key + "=" + value));
    try {
      Files.writeString(log, "=== " + name + " starting " + launchedFrom() + " ===\n", StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
      launchedAt = System.nanoTime();
      process = new ProcessBuilder(command)
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .directory(new File(System.getProperty("user.dir")))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start " + name, e);
    }
    try {
      awaitReady();
      launchedToReady = Duration.ofNanos(System.nanoTime() - launchedAt);
    } catch (RuntimeException | Error e) {
      // Not ready in time: no caller holds it to stop, and a stray CareLoop would take the EHR's
      // deliveries (and the cores) from whatever runs next.
      process.destroyForcibly();
      throw e;
    }
  }

  /**
   * From the JVM's launch to ready (health 200, Subscriptions active) at the last start: what
   * preparing the launch took (extracting the jar, building its archive) is not in it.
   */
  public Duration launchedToReady() {
    return launchedToReady;
  }

  /** What the log's header says of where the code came from (not the whole class path). */
  private String launchedFrom() {
    int jar = launchArguments.indexOf("-jar");
    return jar >= 0
        ? "from " + String.join(" ", launchArguments.subList(0, jar)) + " " + launchArguments.get(jar + 1)
        : "on the class path, main class " + launchArguments.get(launchArguments.size() - 1);
  }

  /**
   * Options for the process's JVM on top of the ones above, from the system property
   * {@value #JVM_OPTIONS} (separated by spaces): a flight recording or a log level while measuring a
   * start (docs/benchmarks.md, "Profiling a run"). None by default.
   */
  public static List<String> extraJvmOptions() {
    String options = System.getProperty(JVM_OPTIONS, "").strip();
    return options.isEmpty() ? List.of() : List.of(options.split("\\s+"));
  }

  private void awaitReady() {
    long logStart = logText().length();
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
        .timeout(Duration.ofSeconds(5)).GET().build();
    await(name + " answers 200 on /actuator/health", () -> {
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited with " + process.exitValue() + " while starting" + logTailForMessage());
      }
      try {
        return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    });
    await(name + "'s Subscriptions are active and deliver to " + subscriptionHook, () -> {
      List<Subscription> ours = ehr.subscriptionsDeliveringTo(subscriptionHook);
      return ours.size() == 2 && ours.stream().allMatch(s -> s.getStatus() == Subscription.SubscriptionStatus.ACTIVE)
          && logText().substring((int) logStart).contains("Subscriptions in the EHR deliver to");
    });
  }

  private void await(String what, java.util.function.BooleanSupplier condition) {
    try {
      Await.until(what, READY_WITHIN, condition);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + logTailForMessage(), e);
    }
  }

  /**
   * Kills the process with SIGKILL ({@link Process#destroyForcibly()} on Linux): no shutdown hook,
   * no graceful shutdown, no transaction ended; whatever it was doing stops mid-way.
   *
   * @throws AssertionError if the process ended otherwise than by signal 9
   */
  public void kill() {
    process.destroyForcibly();
    int exit = waitForExit();
    if (exit != KILLED_BY_SIGKILL) {
      throw new AssertionError(name + " was to die of SIGKILL (exit status " + KILLED_BY_SIGKILL + ") but exited with "
          + exit + logTailForMessage());
    }
  }

  /** Stops the process as a deployment would (SIGTERM: Spring's graceful shutdown). */
  public void stop() {
    if (process != null && process.isAlive()) {
      process.destroy();
      waitForExit();
    }
  }

  private int waitForExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      waitForExit();
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "http://localhost:" + port;
  }

  /** Delivers one version of a resource to this process's hook exactly as HAPI's rest-hook does. */
  public HttpResponse<String> deliver(org.hl7.fhir.r4.model.Resource version) throws IOException, InterruptedException {
    String body = ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().encodeResourceToString(version);
    HttpRequest request = HttpRequest.newBuilder(URI.create(
            hookBaseUrl() + "/" + version.fhirType() + "/" + version.getIdElement().getIdPart()))
        .header("Content-Type", "application/fhir+json")
        .header("Authorization", "Bearer " + CareLoopInstance.SECRET)
        .header("If-Match", "W/\"" + version.getMeta().getVersionId() + "\"")
        .timeout(Duration.ofSeconds(30))
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** The process's id (the same before and after a fault it is to survive without a restart). */
  public long pid() {
    return process.pid();
  }

  /** This process's own hook (not the public one its Subscriptions may name). */
  public String hookBaseUrl() {
    return baseUrl() + "/hook";
  }

  public Path log() {
    return log;
  }

  /** The ids of the planned messages this process logged as sent, over all its lives. */
  public List<String> sentMessageIds() {
    List<String> ids = new ArrayList<>();
    Matcher m = SENT.matcher(logText());
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  public String logText() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The last {@code lines} lines of the process's log. */
  public String logTail(int lines) {
    List<String> all = logText().lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private String logTailForMessage() {
    return "\n--- end of " + log + " ---\n" + logTail(40);
  }

  static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return name + "[" + baseUrl() + "]";
  }
}
