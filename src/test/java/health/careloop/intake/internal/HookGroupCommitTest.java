package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.careloop.database.DatabaseAway;
import health.careloop.database.DatabaseAwayInterceptor;
import health.careloop.rules.ResourceVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The hook's deliveries are stored together: each request is answered with its own notification's
 * acceptance, once the batch holding it is committed, or with what kept it out; no request is left
 * waiting, whatever happens to the database or to CareLoop.
 */
class HookGroupCommitTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final ExecutorService requests = Executors.newFixedThreadPool(16);
  private final List<List<Notification>> batches = new CopyOnWriteArrayList<>();
  private HookGroupCommit groupCommit;

  @AfterEach
  void stop() {
    if (groupCommit != null && groupCommit.isRunning()) {
      groupCommit.stop();
    }
    requests.shutdownNow();
  }

  @Test
  void concurrentDeliveries_areEachAnsweredWithTheirOwnAcceptance_inBatchesNoLargerThanTheBound() throws Exception {
    start(recording(batch -> batch.stream().map(n -> Inbox.Stored.as(n,
        n.resourceId().endsWith("7") ? Inbox.Acceptance.DUPLICATE : Inbox.Acceptance.ACCEPTED)).toList()), 4, 100);

    List<CompletableFuture<Inbox.Acceptance>> answers = IntStream.range(0, 40)
        .mapToObj(i -> deliver(notification("a" + i))).toList();

    for (int i = 0; i < answers.size(); i++) {
      assertThat(answers.get(i).get(WAIT.toSeconds(), TimeUnit.SECONDS)).as("a" + i)
          .isEqualTo(i % 10 == 7 ? Inbox.Acceptance.DUPLICATE : Inbox.Acceptance.ACCEPTED);
    }
    assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeBetween(1, 4));
    assertThat(batches.stream().flatMap(List::stream).map(Notification::resourceId))
        .as("each delivery stored once").hasSize(40).doesNotHaveDuplicates();
  }

  @Test
  void noRequestIsAnswered_beforeItsBatchIsCommitted() throws Exception {
    CountDownLatch storing = new CountDownLatch(1);
    CountDownLatch committed = new CountDownLatch(1);
    start(recording(batch -> {
      storing.countDown();
      awaitQuietly(committed);
      return batch.stream().map(n -> Inbox.Stored.as(n, Inbox.Acceptance.ACCEPTED)).toList();
    }), 64, 100);

    CompletableFuture<Inbox.Acceptance> first = deliver(notification("b1"));
    assertThat(storing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Inbox.Acceptance> second = deliver(notification("b2"));

    assertThat(first).as("answered while its batch is not committed").isNotDone();
    assertThat(second).isNotDone();
    committed.countDown();
    assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Inbox.Acceptance.ACCEPTED);
    assertThat(second.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Inbox.Acceptance.ACCEPTED);
  }

  @Test
  void theDatabaseAway_failsEveryWaitingRequestAsItWouldAlone_soEachIsAnswered503() throws Exception {
    CannotCreateTransactionException away = new CannotCreateTransactionException("Could not open JDBC Connection");
    CountDownLatch storing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(recording(batch -> {
      storing.countDown();
      awaitQuietly(release);
      throw away;
    }), 64, 100);
    CompletableFuture<Inbox.Acceptance> first = deliver(notification("c0"));
    assertThat(storing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<Inbox.Acceptance>> waiting = IntStream.range(1, 10)
        .mapToObj(i -> deliver(notification("c" + i))).toList();
    release.countDown();

    List<CompletableFuture<Inbox.Acceptance>> all = new ArrayList<>(waiting);
    all.add(first);
    for (CompletableFuture<Inbox.Acceptance> answer : all) {
      Throwable failure = failureOf(answer);
      assertThat(failure).isSameAs(away);
      assertThat(DatabaseAway.causedBy(failure)).isTrue();
      BaseServerResponseException answered = DatabaseAwayInterceptor.forNotifications().databaseAway(failure);
      assertThat(answered.getStatusCode()).isEqualTo(503);
    }
  }

  /** Each wait for a connection costs its timeout; on one storing thread they would add up. */
  @Test
  void theDatabaseAway_failsWhatQueuedMeanwhileAtOnce_withoutAnotherWaitForAConnection() throws Exception {
    CannotCreateTransactionException away = new CannotCreateTransactionException("Could not open JDBC Connection");
    AtomicInteger attempts = new AtomicInteger();
    CountDownLatch storing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(batch -> {
      attempts.incrementAndGet();
      storing.countDown();
      awaitQuietly(release);
      throw away;
    }, 64, 100);
    CompletableFuture<Inbox.Acceptance> first = deliver(notification("d0"));
    assertThat(storing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<Inbox.Acceptance>> queued = IntStream.range(1, 10)
        .mapToObj(i -> deliver(notification("d" + i))).toList();
    awaitQueued(9);
    release.countDown();

    assertThat(failureOf(first)).isSameAs(away);
    for (CompletableFuture<Inbox.Acceptance> answer : queued) {
      assertThat(failureOf(answer)).isSameAs(away);
    }
    assertThat(attempts).as("one attempt to store, not one more for what queued").hasValue(1);
  }

  @Test
  void aNotificationTheInboxCouldNotStore_failsItsRequestAlone() throws Exception {
    IllegalStateException refused = new IllegalStateException("refused");
    start(recording(batch -> batch.stream().map(n -> n.resourceId().equals("d2")
        ? Inbox.Stored.failed(n, refused) : Inbox.Stored.as(n, Inbox.Acceptance.ACCEPTED)).toList()), 64, 100);

    CompletableFuture<Inbox.Acceptance> bad = deliver(notification("d2"));
    CompletableFuture<Inbox.Acceptance> good = deliver(notification("d1"));

    assertThat(failureOf(bad)).isSameAs(refused);
    assertThat(good.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Inbox.Acceptance.ACCEPTED);
  }

  @Test
  void aFullQueue_is503_andNothingOfThatRequestIsStored() throws Exception {
    CountDownLatch storing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(recording(batch -> {
      storing.countDown();
      awaitQuietly(release);
      return batch.stream().map(n -> Inbox.Stored.as(n, Inbox.Acceptance.ACCEPTED)).toList();
    }), 1, 1);
    CompletableFuture<Inbox.Acceptance> beingStored = deliver(notification("e1"));
    assertThat(storing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    CompletableFuture<Inbox.Acceptance> queued = deliver(notification("e2"));
    awaitQueued(1);

    assertThatThrownBy(() -> groupCommit.accept(notification("e3")))
        .isInstanceOfSatisfying(BaseServerResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(503))
        .hasMessageContaining("CL-1130");
    release.countDown();
    assertThat(beingStored.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Inbox.Acceptance.ACCEPTED);
    assertThat(queued.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo(Inbox.Acceptance.ACCEPTED);
    assertThat(batches.stream().flatMap(List::stream).map(Notification::resourceId)).containsExactly("e1", "e2");
  }

  @Test
  void stopping_answersEveryWaitingRequest_andRefusesNewOnes() throws Exception {
    CountDownLatch storing = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    groupCommit = new HookGroupCommit(recording(batch -> {
      storing.countDown();
      awaitQuietly(release);
      return batch.stream().map(n -> Inbox.Stored.as(n, Inbox.Acceptance.ACCEPTED)).toList();
    }), 1, 100, Duration.ofMillis(200));
    groupCommit.start();
    CompletableFuture<Inbox.Acceptance> beingStored = deliver(notification("f1"));
    assertThat(storing.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    List<CompletableFuture<Inbox.Acceptance>> queued = IntStream.range(2, 6)
        .mapToObj(i -> deliver(notification("f" + i))).toList();
    awaitQueued(4);

    groupCommit.stop();

    for (CompletableFuture<Inbox.Acceptance> answer : queued) {
      assertThat(failureOf(answer)).isInstanceOfSatisfying(BaseServerResponseException.class,
          e -> assertThat(e.getStatusCode()).isEqualTo(503)).hasMessageContaining("CL-1131");
    }
    assertThatThrownBy(() -> groupCommit.accept(notification("f9"))).hasMessageContaining("CL-1131");
    release.countDown();
    assertThat(beingStored.get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("the batch being committed at the stop still answers").isEqualTo(Inbox.Acceptance.ACCEPTED);
    assertThat(batches.stream().flatMap(List::stream).map(Notification::resourceId)).containsExactly("f1");
  }

  private void start(Function<List<Notification>, List<Inbox.Stored>> store, int maxBatch, int capacity) {
    groupCommit = new HookGroupCommit(store, maxBatch, capacity, WAIT);
    groupCommit.start();
  }

  private Function<List<Notification>, List<Inbox.Stored>> recording(
      Function<List<Notification>, List<Inbox.Stored>> store) {
    return batch -> {
      batches.add(List.copyOf(batch));
      return store.apply(batch);
    };
  }

  private CompletableFuture<Inbox.Acceptance> deliver(Notification notification) {
    return CompletableFuture.supplyAsync(() -> groupCommit.accept(notification), requests);
  }

  /** Waits until {@code count} requests are queued behind the batch being stored. */
  private void awaitQueued(int count) throws Exception {
    health.careloop.support.Await.until(count + " requests queued", WAIT, () -> groupCommit.waiting() == count);
  }

  private static Throwable failureOf(CompletableFuture<Inbox.Acceptance> answer) throws Exception {
    try {
      answer.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("answered " + answer.get() + ", not failed");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Notification notification(String id) {
    return new Notification("Appointment", id, new ResourceVersion("1", Instant.parse("2026-11-30T08:00:00Z")),
        "{}", "fingerprint-" + id, false);
  }
}
