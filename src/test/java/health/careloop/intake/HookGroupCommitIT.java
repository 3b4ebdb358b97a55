package health.careloop.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Concurrent notifications at {@code /hook} are stored together, and each is answered only once it
 * is committed: every one is in the inbox, each delivery once, the copies answered as duplicates.
 */
class HookGroupCommitIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @RegisterExtension
  static final CareLoopInstance careLoop =
      CareLoopInstance.withUnreachableEhr(Map.of("careloop.hook.group-commit.enabled", "true"));
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void manyConcurrentDeliveries_withCopies_areAllStored_eachDeliveryOnce() throws Exception {
    String prefix = "gc-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    // 30 appointments, each delivered twice at once (HAPI's retries, two EHR nodes).
    List<CompletableFuture<HttpResponse<String>>> answers = IntStream.range(0, 60)
        .mapToObj(i -> deliver(prefix + (i % 30))).toList();

    List<HttpResponse<String>> responses = answers.stream().map(CompletableFuture::join).toList();

    assertThat(responses).extracting(HttpResponse::statusCode).containsOnly(200);
    assertThat(responses.stream().filter(r -> diagnostics(r).startsWith("Already received")))
        .as("one of each pair a duplicate").hasSize(30);
    assertThat(rows(prefix)).isEqualTo(30);
    assertThat(careLoop.bean(JdbcTemplate.class).queryForObject("select count(distinct resource_id) from inbox_event"
        + " where resource_id like ?", Integer.class, prefix + "%")).isEqualTo(30);
  }

  /**
   * The inbox is locked by another transaction: the committer's insert waits for it, and no request
   * is answered meanwhile. Once the lock goes, every one is answered, and its row is there.
   */
  @Test
  void noDeliveryIsAnswered_whileItsRowIsNotCommitted() throws Exception {
    String prefix = "gc-held-" + UUID.randomUUID().toString().substring(0, 8) + "-";
    List<CompletableFuture<HttpResponse<String>>> answers;
    try (Connection other = careLoop.bean(DataSource.class).getConnection()) {
      assumeTrue(other.getMetaData().getDatabaseProductName().equals("PostgreSQL"),
          "waits on another transaction's lock as PostgreSQL does");
      other.setAutoCommit(false);
      try (Statement lock = other.createStatement()) {
        lock.execute("lock table inbox_event in exclusive mode");
      }
      int otherPid = backendPid(other);

      answers = IntStream.range(0, 5).mapToObj(i -> deliver(prefix + i)).toList();
      Await.until("the committer waits for the lock", WAIT, () -> blockedBy(otherPid) > 0);

      assertThat(answers).as("answered before the commit").noneMatch(CompletableFuture::isDone);
      other.rollback();
    }
    for (CompletableFuture<HttpResponse<String>> answer : answers) {
      assertThat(answer.get(WAIT.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }
    assertThat(rows(prefix)).isEqualTo(5);
  }

  private CompletableFuture<HttpResponse<String>> deliver(String id) {
    String body = """
        {"resourceType":"Appointment","id":"%s","meta":{"versionId":"1","lastUpdated":"2026-11-30T08:00:00Z"},
         "status":"booked","start":"2030-01-01T09:00:00Z","end":"2030-01-01T09:30:00Z",
         "participant":[{"actor":{"reference":"Patient/p1"},"status":"accepted"}]}""".formatted(id);
    return http.sendAsync(HttpRequest.newBuilder(URI.create(careLoop.hookBaseUrl() + "/Appointment/" + id))
        .header("Content-Type", "application/fhir+json")
        .header("Authorization", "Bearer " + CareLoopInstance.SECRET)
        // The OperationOutcome saying accepted or already received, not an empty 200.
        .header("Prefer", "return=OperationOutcome")
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String diagnostics(HttpResponse<String> response) {
    return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body())
        .getIssueFirstRep().getDiagnostics();
  }

  private static int backendPid(Connection connection) throws Exception {
    try (ResultSet rs = connection.createStatement().executeQuery("select pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Inserts into the inbox waiting for {@code pid}'s lock. */
  private static int blockedBy(int pid) {
    return careLoop.bean(JdbcTemplate.class).queryForObject("select count(*) from pg_stat_activity"
        + " where ? = any(pg_blocking_pids(pid)) and query like 'insert into inbox_event%'", Integer.class, pid);
  }

  private static int rows(String prefix) {
    return careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from inbox_event where resource_id like ?", Integer.class, prefix + "%");
  }
}
