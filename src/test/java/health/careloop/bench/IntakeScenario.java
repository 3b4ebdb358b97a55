package health.careloop.bench;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.hl7.fhir.r4.model.Appointment;

/**
 * Rest-hook deliveries as HAPI makes them ({@code PUT /hook/Appointment/{id}}, the whole
 * Appointment, the Subscription's bearer secret), each of a new Appointment, from a fixed number of
 * client threads in a closed loop: how many notifications per second CareLoop accepts, and how long
 * each takes to be answered, while its pipeline (planning, confirmations written to the EHR) runs
 * behind as in production.
 */
final class IntakeScenario {

  /** A booked appointment of a real Patient and Location; {@code __ID__} is replaced per delivery. */
  private final String template;
  private final String hookBaseUrl;
  private final String secret;
  private final LongSupplier pendingInbox;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final AtomicLong sequence = new AtomicLong();
  /** When set, wrk makes the deliveries instead of this JVM's client. */
  private WrkLoad wrk;

  IntakeScenario(String hookBaseUrl, String secret, String patientId, String locationId, LongSupplier pendingInbox) {
    this.hookBaseUrl = hookBaseUrl;
    this.secret = secret;
    this.pendingInbox = pendingInbox;
    Instant start = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    Appointment a = EhrLoad.booked(start, patientId, locationId);
    a.setId("__ID__");
    a.getMeta().setVersionId("1").setLastUpdated(new Date());
    template = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(a);
  }

  /** The delivered Appointment as JSON, {@code __ID__} where each delivery's id goes. */
  String template() {
    return template;
  }

  /** Has wrk make the deliveries, with the script written into {@code dir}. */
  IntakeScenario withWrk(Path dir) throws IOException {
    WrkLoad.requireInstalled();
    wrk = new WrkLoad(HookLoadScript.write(dir, hookBaseUrl, secret, template), hookBaseUrl);
    return this;
  }

  /** One level: {@code threads} clients (or wrk's connections) for warm-up then measurement. */
  Map<String, Object> run(int threads, Duration warmUp, Duration measured) throws InterruptedException {
    if (wrk != null) {
      return runWrk(threads, warmUp, measured);
    }
    Recorder recorder = new Recorder(TimeUnit.SECONDS.toMicros(60), 3);
    AtomicLong accepted = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    long measureFrom = System.nanoTime() + warmUp.toNanos();
    long measureUntil = measureFrom + measured.toNanos();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    for (int t = 0; t < threads; t++) {
      pool.execute(() -> {
        while (System.nanoTime() < measureUntil && !Thread.currentThread().isInterrupted()) {
          long began = System.nanoTime();
          boolean ok = deliverOne();
          long ended = System.nanoTime();
          if (began >= measureFrom && ended <= measureUntil) {
            recorder.recordValue(Math.max(1, (ended - began) / 1_000));
            (ok ? accepted : failed).incrementAndGet();
          }
        }
      });
    }
    pool.shutdown();
    if (!pool.awaitTermination(measured.plus(warmUp).plusSeconds(70).toMillis(), TimeUnit.MILLISECONDS)) {
      pool.shutdownNow();
    }
    Histogram h = recorder.getIntervalHistogram();
    return level(threads, "java", new Counted(accepted.get(), failed.get(), measured.toMillis() / 1000.0,
        h.getValueAtPercentile(50), h.getValueAtPercentile(99), h.getMaxValue()));
  }

  /** One level made by wrk: a run for the warm-up, not counted, then the measured one. */
  private Map<String, Object> runWrk(int connections, Duration warmUp, Duration measured) throws InterruptedException {
    try {
      wrk.run(connections, warmUp);
      return level(connections, "wrk", wrk.run(connections, measured));
    } catch (IOException e) {
      throw new IllegalStateException("wrk could not be run", e);
    }
  }

  /** What a level's measured window counted, whoever made the deliveries. */
  record Counted(long accepted, long failed, double seconds, long p50Micros, long p99Micros, long maxMicros) {}

  /** A level's figures as the report has them. */
  private Map<String, Object> level(int concurrency, String generator, Counted c) {
    Map<String, Object> level = new LinkedHashMap<>();
    level.put("concurrency", concurrency);
    level.put("acceptedPerSecond", round(c.accepted() / c.seconds()));
    level.put("accepted", c.accepted());
    level.put("failed", c.failed());
    level.put("p50Ms", microsToMs(c.p50Micros()));
    level.put("p99Ms", microsToMs(c.p99Micros()));
    level.put("maxMs", microsToMs(c.maxMicros()));
    level.put("pendingInboxAfter", pendingInbox.getAsLong());
    level.put("generator", generator);
    return level;
  }

  List<Map<String, Object>> runAll(List<Integer> levels, Duration warmUp, Duration measured) throws InterruptedException {
    List<Map<String, Object>> results = new ArrayList<>();
    for (int threads : levels) {
      Map<String, Object> level = run(threads, warmUp, measured);
      System.out.println("[bench] intake " + level);
      results.add(level);
    }
    return results;
  }

  private boolean deliverOne() {
    String id = "bench-intake-" + sequence.incrementAndGet();
    HttpRequest request = HttpRequest.newBuilder(URI.create(hookBaseUrl + "/Appointment/" + id))
        .header("Content-Type", "application/fhir+json")
        .header("Authorization", "Bearer " + secret)
        .header("If-Match", "W/\"1\"")
        .timeout(Duration.ofSeconds(60))
        .PUT(HttpRequest.BodyPublishers.ofString(template.replace("__ID__", id))).build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      return response.statusCode() / 100 == 2;
    } catch (java.io.IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static double microsToMs(long micros) {
    return round(micros / 1000.0);
  }

  static double round(double value) {
    return Math.round(value * 10.0) / 10.0;
  }

  /** {@code a ÷ b} to two decimals: how many times b's rate a is. */
  static double ratio(double a, double b) {
    return Math.round(a / b * 100.0) / 100.0;
  }
}
