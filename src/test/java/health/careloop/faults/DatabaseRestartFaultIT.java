package health.careloop.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopProcess;
import health.careloop.support.EhrFixtures;
import health.careloop.support.FaultLedger;
import health.careloop.support.FaultLedger.Tally;
import health.careloop.support.PostgresCluster;
import health.careloop.support.TestDatabase;
import health.careloop.support.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CareLoop's PostgreSQL really restarted (stopped with {@code pg_ctl stop -m fast}, started again
 * after about 18 s: a cluster of the test's own, {@link PostgresCluster}) while appointments are
 * being booked and their notifications arrive. While the database is away the hook answers 503
 * with an OperationOutcome and {@code Retry-After} (not 500), so the EHR retries, and so does the
 * integrators' façade; CareLoop, the
 * same process, recovers by itself (Hikari opens new connections, db-scheduler polls again and
 * revives what the outage left picked within its production heartbeat limit, 10 s × 6); every
 * appointment booked before, during and after the outage is confirmed exactly once.
 */
class DatabaseRestartFaultIT {

  private static final Logger log = LoggerFactory.getLogger(DatabaseRestartFaultIT.class);
  private static final int BEFORE = 15;
  private static final int DURING_AND_AFTER = 45;
  private static final Duration OUTAGE = Duration.ofSeconds(18);
  private static final String CONFIRMATION = "appointment-confirmation";

  private static PostgresCluster postgres;
  private static SandboxEhr ehr;
  private static CareLoopProcess careLoop;

  @BeforeAll
  static void start() {
    postgres = PostgresCluster.start();
    ehr = SandboxEhr.start(0, true);
  }

  @AfterAll
  static void stop() {
    if (careLoop != null) {
      careLoop.close();
    }
    if (ehr != null) {
      ehr.close();
    }
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void databaseRestartedUnderLoad_hookAnswers503_andEveryBookingIsConfirmedOnce_withoutRestartingCareLoop()
      throws Exception {
    long began = System.nanoTime();
    EhrFixtures fixtures = new EhrFixtures(ehr.client());
    List<String> patients = new ArrayList<>();
    for (int i = 0; i < BEFORE + DURING_AND_AFTER; i++) {
      patients.add(fixtures.patient("Restart" + i, "en", "Europe/London"));
    }
    TestDatabase database = postgres.freshSchema();
    // Production heartbeat settings (no override): what the outage leaves picked must be revived by them.
    careLoop = CareLoopProcess.start("database-restart", ehr, database, null, Map.of(
        "careloop.catch-up.enabled", "true",
        "careloop.catch-up.interval", "PT20S"));
    long pid = careLoop.pid();

    Instant start = Instant.now().plus(Duration.ofDays(5));
    List<Appointment> before = new ArrayList<>();
    for (int i = 0; i < BEFORE; i++) {
      before.add(fixtures.book(patients.get(i), null, start.plus(Duration.ofMinutes(i))));
    }
    Await.until(BEFORE + " confirmations before the outage", Duration.ofMinutes(3),
        () -> FaultLedger.communicationCount(ehr.client()) == BEFORE);

    CompletableFuture<Void> booking = CompletableFuture.runAsync(() -> {
      for (int i = BEFORE; i < patients.size(); i++) {
        fixtures.book(patients.get(i), null, start.plus(Duration.ofMinutes(i)));
        pause(Duration.ofMillis(600));
      }
    });
    pause(Duration.ofSeconds(3));

    postgres.stop();
    long outageBegan = System.nanoTime();
    long asked = System.nanoTime();
    HttpResponse<String> duringOutage = careLoop.deliver(before.get(0));
    Duration answeredIn = Duration.ofNanos(System.nanoTime() - asked);
    HttpResponse<String> facadeDuringOutage = searchPlans();
    pause(OUTAGE.minus(Duration.ofNanos(System.nanoTime() - outageBegan)));
    postgres.startAgain();
    Duration outage = Duration.ofNanos(System.nanoTime() - outageBegan);
    long backAt = System.nanoTime();
    booking.get();

    assertThat(duringOutage.statusCode()).as("the hook while the database is away").isEqualTo(503);
    assertThat(duringOutage.headers().firstValue("Retry-After")).hasValue("10");
    OperationOutcome outcome = FhirContext.forR4Cached().newJsonParser()
        .parseResource(OperationOutcome.class, duringOutage.body());
    assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
    assertThat(answeredIn).as("answered within the EHR's 10 s client timeout").isLessThan(Duration.ofSeconds(10));
    assertThat(facadeDuringOutage.statusCode()).as("the façade while the database is away").isEqualTo(503);
    assertThat(facadeDuringOutage.headers().firstValue("Retry-After")).hasValue("10");
    assertThat(FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, facadeDuringOutage.body())
        .getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);

    int all = BEFORE + DURING_AND_AFTER;
    Await.until(all + " confirmations SENT after the database came back", Duration.ofMinutes(3), () -> {
      Map<String, String> planned = FaultLedger.planned(database, CONFIRMATION);
      return planned.size() == all && planned.values().stream().allMatch("SENT"::equals);
    });
    Duration recovered = Duration.ofNanos(System.nanoTime() - backAt);
    Tally tally = Tally.of(FaultLedger.planned(database, CONFIRMATION), FaultLedger.communicationsPerKey(ehr.client()));
    long refused = careLoop.logText().lines().filter(l -> l.contains("Notification refused with 503")).count();
    log.info("Database away {} s; hook answered 503 in {} ms; {} notifications refused with 503; all confirmed {} s"
            + " after it was back; {}; took {} s", outage.toSeconds(), answeredIn.toMillis(), refused,
        recovered.toSeconds(), tally, Duration.ofNanos(System.nanoTime() - began).toSeconds());

    assertThat(careLoop.isAlive()).isTrue();
    assertThat(careLoop.pid()).as("the same process: CareLoop recovered without a restart").isEqualTo(pid);
    assertThat(tally.planned()).isEqualTo(all);
    assertThat(tally.duplicated()).as("message keys with more than one Communication").isEmpty();
    assertThat(tally.missing()).as("planned message keys without a Communication").isEmpty();
    assertThat(tally.written()).isEqualTo(all);
    assertThat(stalePickedExecutions(database)).as("db-scheduler executions left picked with a stale heartbeat")
        .isZero();
  }

  /** An integrator's search of the plans, with a token that may make it. */
  private static HttpResponse<String> searchPlans() throws Exception {
    HttpRequest search = HttpRequest.newBuilder(URI.create(careLoop.baseUrl() + "/fhir/CommunicationRequest?_count=1"))
        .header("Authorization", "Bearer " + TestTokens.token(List.of("system/CommunicationRequest.rs"), Map.of(),
            Duration.ofMinutes(5)))
        .header("Accept", "application/fhir+json").timeout(Duration.ofSeconds(30)).GET().build();
    return HttpClient.newHttpClient().send(search, HttpResponse.BodyHandlers.ofString());
  }

  private static int stalePickedExecutions(TestDatabase database) throws Exception {
    try (Connection c = DriverManager.getConnection(database.url(), database.username(), "");
        ResultSet rs = c.createStatement().executeQuery(
            "select count(*) from scheduled_tasks where picked and last_heartbeat < now() - interval '2 minutes'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static void pause(Duration duration) {
    if (duration.isNegative()) {
      return;
    }
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
