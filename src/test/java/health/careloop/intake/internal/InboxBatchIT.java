package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.intake.RewrittenHistory;
import health.careloop.rules.ResourceVersion;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.WorkKind;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Many notifications stored at once ({@link Inbox#acceptAll}): one transaction, classified exactly
 * as one by one, and a row that cannot be stored with the others never keeps them out.
 */
class InboxBatchIT {

  private static final FhirContext FHIR = FhirContext.forR4Cached();

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.withUnreachableEhr();

  @Test
  void aBatchHoldingTheSameDeliveryTwice_storesOneRow_andTheSecondIsADuplicate_andAnotherContentARewrite() {
    String id = newId();
    Notification delivery = notification(id, "1", "a");

    List<Inbox.Stored> stored = inbox().acceptAll(List.of(delivery, delivery, notification(id, "1", "b")));

    assertThat(stored).extracting(Inbox.Stored::acceptance)
        .containsExactly(Inbox.Acceptance.ACCEPTED, Inbox.Acceptance.DUPLICATE, Inbox.Acceptance.REWRITTEN);
    assertThat(stored).extracting(Inbox.Stored::failure).containsOnlyNulls();
    assertThat(rows(id)).isEqualTo(2);
    assertThat(inbox().acceptAll(List.of(delivery))).extracting(Inbox.Stored::acceptance)
        .as("the same delivery in a later batch").containsExactly(Inbox.Acceptance.DUPLICATE);
    assertThat(rows(id)).isEqualTo(2);
  }

  /**
   * What earlier batches stored is found by the batch's one look-up: a stored version with other
   * content is a rewrite (no unique key would catch that), and a stored delivery a duplicate without
   * falling back to one by one (one commit).
   */
  @Test
  void aBatch_findsWhatEarlierBatchesStored_aRewriteOfAStoredVersion_andADuplicate_inItsOneTransaction() {
    String rewritten = newId();
    String repeated = newId();
    inbox().acceptAll(List.of(notification(rewritten, "1", "a"), notification(repeated, "1", "a")));
    AtomicInteger commits = new AtomicInteger();
    Inbox counted = inboxCommittingThrough(counting(careLoop.bean(PlatformTransactionManager.class), commits));

    List<Inbox.Stored> stored = counted.acceptAll(List.of(notification(rewritten, "1", "b"),
        notification(repeated, "1", "a"), notification(repeated, "2", "a")));

    assertThat(stored).extracting(Inbox.Stored::acceptance)
        .containsExactly(Inbox.Acceptance.REWRITTEN, Inbox.Acceptance.DUPLICATE, Inbox.Acceptance.ACCEPTED);
    assertThat(commits).as("no fallback to one by one").hasValue(1);
    assertThat(rows(rewritten)).isEqualTo(2);
    assertThat(rows(repeated)).isEqualTo(2);
  }

  @Test
  void aBatch_isOneTransaction() {
    AtomicInteger commits = new AtomicInteger();
    Inbox counted = inboxCommittingThrough(counting(careLoop.bean(PlatformTransactionManager.class), commits));
    String id = newId();

    List<Inbox.Stored> stored = counted.acceptAll(List.of(notification(id, "1", "a"), notification(id, "2", "a"),
        notification(id, "3", "a"), notification(id, "4", "a")));

    assertThat(stored).extracting(Inbox.Stored::acceptance).containsOnly(Inbox.Acceptance.ACCEPTED);
    assertThat(commits).as("commits for a batch of four").hasValue(1);
    assertThat(rows(id)).isEqualTo(4);
  }

  @Test
  void aRowTheDatabaseRefuses_failsAlone_andTheOthersOfItsBatchAreStored() {
    String id = newId();
    Notification tooLong = notification("x".repeat(65), "1", "a");

    List<Inbox.Stored> stored = inbox().acceptAll(List.of(notification(id, "1", "a"), tooLong, notification(id, "2", "a")));

    assertThat(stored.get(0).acceptance()).isEqualTo(Inbox.Acceptance.ACCEPTED);
    assertThat(stored.get(1).acceptance()).isNull();
    assertThat(stored.get(1).failure()).isInstanceOf(DataIntegrityViolationException.class);
    assertThat(stored.get(2).acceptance()).isEqualTo(Inbox.Acceptance.ACCEPTED);
    assertThat(rows(id)).isEqualTo(2);
  }

  /**
   * Another transaction (a second replica, or the hook while a catch-up runs) stores a copy of one of
   * the batch's deliveries after the batch looked for it: the batch's insert of it waits for that
   * transaction and then breaks the unique key. The batch is stored one by one: that copy is a
   * duplicate, the others are accepted.
   */
  @Test
  void aRowConflictingWithACopyStoredConcurrently_isADuplicate_andTheOthersOfItsBatchAreAccepted() throws Exception {
    DataSource dataSource = careLoop.bean(DataSource.class);
    String id = newId();
    Notification copied = notification(id, "2", "a");
    try (Connection other = dataSource.getConnection()) {
      assumeTrue(other.getMetaData().getDatabaseProductName().equals("PostgreSQL"),
          "a concurrent insert waits for the other transaction on PostgreSQL");
      other.setAutoCommit(false);
      insertCopy(other, copied);
      int otherPid = backendPid(other);

      CompletableFuture<List<Inbox.Stored>> batch = CompletableFuture.supplyAsync(() -> inbox().acceptAll(
          List.of(notification(id, "1", "a"), copied, notification(id, "3", "a"))));
      Await.until("the batch's insert waits for the other transaction", Duration.ofSeconds(30),
          () -> blockedBy(otherPid) > 0);
      other.commit();

      List<Inbox.Stored> stored = batch.get(30, TimeUnit.SECONDS);
      assertThat(stored).extracting(Inbox.Stored::acceptance).containsExactly(Inbox.Acceptance.ACCEPTED,
          Inbox.Acceptance.DUPLICATE, Inbox.Acceptance.ACCEPTED);
      assertThat(stored).extracting(Inbox.Stored::failure).containsOnlyNulls();
      assertThat(rows(id)).isEqualTo(3);
    }
  }

  @Test
  void aBatchsNotifications_arePlannedByAJobForEach32_notAJobEach() {
    List<String> submitted = new CopyOnWriteArrayList<>();
    DeferredWork real = careLoop.bean(DeferredWork.class);
    DeferredWork recording = new DeferredWork() {
      @Override
      public void submit(WorkKind kind, String id, Instant at) {
        real.submit(kind, id, at);
      }

      @Override
      public void submitAllNew(WorkKind kind, List<String> ids, Instant at) {
        ids.forEach(id -> submitted.add(kind.taskName() + " " + id));
        real.submitAllNew(kind, ids, at);
      }

      @Override
      public void withdraw(WorkKind kind, String id) {
        real.withdraw(kind, id);
      }

      @Override
      public void await(WorkKind kind, String id, Instant until) {
        real.await(kind, id, until);
      }

      @Override
      public void runNow(WorkKind recurring) {
        real.runNow(recurring);
      }

      @Override
      public void runDueWork() {
        real.runDueWork();
      }
    };
    Inbox inbox = new Inbox(careLoop.bean(JdbcTemplate.class), recording,
        careLoop.bean(TransactionTemplate.class), careLoop.bean(Clock.class), FHIR,
        careLoop.bean(RewrittenHistory.class), careLoop.bean(NotificationCounts.class));
    String id = newId();
    List<Notification> forty = IntStream.rangeClosed(1, 40)
        .mapToObj(version -> notification(id, Integer.toString(version), "a")).toList();

    inbox.acceptAll(forty);

    List<Long> eventIds = careLoop.bean(JdbcTemplate.class).queryForList(
        "select id from inbox_event where resource_id = ? order by id", Long.class, id);
    assertThat(submitted).as("jobs queued for 40 notifications").containsExactlyElementsOf(
        InboxBatches.jobIds(eventIds).stream().map(job -> "process-inbox-batch " + job).toList()).hasSize(2);
    Await.until("all 40 planned", Duration.ofSeconds(60), () -> careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from inbox_event where resource_id = ? and outcome = 'PROCESSED'", Integer.class, id) == 40);
  }

  static Notification notification(String id, String version, String content) {
    Instant lastUpdated = Instant.parse("2026-11-30T08:00:00Z");
    String json = "{\"resourceType\":\"Appointment\",\"id\":\"" + id + "\",\"status\":\"proposed\"}";
    return new Notification("Appointment", id, new ResourceVersion(version, lastUpdated), json,
        DeliveryFingerprint.of(FHIR, FHIR.newJsonParser().parseResource(json.replace("proposed",
            "a".equals(content) ? "proposed" : "booked")), lastUpdated), false);
  }

  static String newId() {
    return "batch-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Inbox inbox() {
    return careLoop.bean(Inbox.class);
  }

  private static Inbox inboxCommittingThrough(PlatformTransactionManager transactions) {
    return new Inbox(careLoop.bean(JdbcTemplate.class), careLoop.bean(DeferredWork.class),
        new TransactionTemplate(transactions), careLoop.bean(Clock.class), FHIR,
        careLoop.bean(RewrittenHistory.class), careLoop.bean(NotificationCounts.class));
  }

  private static PlatformTransactionManager counting(PlatformTransactionManager real, AtomicInteger commits) {
    return new PlatformTransactionManager() {
      @Override
      public TransactionStatus getTransaction(TransactionDefinition definition) {
        return real.getTransaction(definition);
      }

      @Override
      public void commit(TransactionStatus status) {
        commits.incrementAndGet();
        real.commit(status);
      }

      @Override
      public void rollback(TransactionStatus status) {
        real.rollback(status);
      }
    };
  }

  private static void insertCopy(Connection connection, Notification n) throws Exception {
    try (PreparedStatement insert = connection.prepareStatement("insert into inbox_event (resource_type,"
        + " resource_id, version_id, last_updated, fingerprint, rewrites_version, payload, received_at, caught_up,"
        + " outcome) values (?, ?, ?, ?, ?, false, ?, ?, false, 'PROCESSED')")) {
      insert.setString(1, n.resourceType());
      insert.setString(2, n.resourceId());
      insert.setString(3, n.version().versionId());
      insert.setTimestamp(4, Timestamp.from(n.version().lastUpdated()));
      insert.setString(5, n.fingerprint());
      insert.setString(6, n.json());
      insert.setTimestamp(7, Timestamp.from(Instant.now()));
      insert.executeUpdate();
    }
  }

  private static int backendPid(Connection connection) throws Exception {
    try (ResultSet rs = connection.createStatement().executeQuery("select pg_backend_pid()")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static int blockedBy(int pid) {
    return careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from pg_stat_activity where ? = any(pg_blocking_pids(pid))", Integer.class, pid);
  }

  private static int rows(String id) {
    return careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from inbox_event where resource_type = 'Appointment' and resource_id = ?", Integer.class, id);
  }
}
