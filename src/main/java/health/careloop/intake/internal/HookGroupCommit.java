package health.careloop.intake.internal;

import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import health.careloop.database.DatabaseAway;
import health.careloop.intake.HookProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Stores the hook's concurrent deliveries together: each request queues its notification and waits;
 * one thread takes what is queued (at most {@code careloop.hook.group-commit.max-batch}), stores it
 * in one transaction ({@link Inbox#acceptAll}) and hands each request its acceptance, or what kept
 * its notification out. A request answers only then: what the EHR is told was received is committed.
 * One commit for many deliveries: a commit each was what limited the hook.
 *
 * <p>A plain {@link BlockingQueue} and one thread, nothing else shared. A full queue, or CareLoop
 * stopping, is a 503 (the EHR sends it again); when the database is away, every waiting request gets
 * the failure it got alone, which the hook answers 503 ({@code DatabaseAwayInterceptor}). Stopping,
 * the thread first stores what is queued; what it could not reach in time is failed, so no request
 * is left waiting. It starts before the web server and stops after it.
 */
@Component
class HookGroupCommit implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(HookGroupCommit.class);
  /** How long a stop waits for what is queued to be stored before failing what still waits. */
  private static final Duration STOP_WAIT = Duration.ofSeconds(30);
  /** How often an idle committer looks whether it should stop. */
  private static final Duration IDLE_LOOK = Duration.ofMillis(100);
  /** Retry-After of a 503 for a full queue or a stop: another replica, or this one soon, takes it. */
  private static final String RETRY_AFTER = "5";

  private record Waiting(Notification notification, CompletableFuture<Inbox.Acceptance> acceptance) {}

  private final Function<List<Notification>, List<Inbox.Stored>> store;
  private final int maxBatch;
  private final Duration stopWait;
  private final BlockingQueue<Waiting> queue;
  private volatile boolean running;
  private Thread committer;

  @Autowired
  HookGroupCommit(Inbox inbox, HookProperties properties) {
    this(inbox::acceptAll, properties.groupCommit().maxBatch(), properties.groupCommit().queueCapacity(), STOP_WAIT);
  }

  /**
   * @param store stores a batch in one transaction, as {@link Inbox#acceptAll}
   * @param stopWait how long a stop waits for what is queued to be stored before failing what still waits
   */
  HookGroupCommit(Function<List<Notification>, List<Inbox.Stored>> store, int maxBatch, int queueCapacity,
      Duration stopWait) {
    this.store = store;
    this.maxBatch = maxBatch;
    this.stopWait = stopWait;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
  }

  /**
   * Stores the notification with whatever else is waiting, and returns once it is committed.
   *
   * @throws RuntimeException what kept it out of the inbox (as {@link Inbox#accept} would throw it)
   * @throws UnclassifiedServerFailureException 503 if the queue is full or CareLoop is stopping
   */
  Inbox.Acceptance accept(Notification notification) {
    Waiting waiting = new Waiting(notification, new CompletableFuture<>());
    if (!running) {
      throw stopping();
    }
    if (!queue.offer(waiting)) {
      log.warn("{} notifications wait to be stored: {}/{} refused with 503", queue.size(),
          notification.resourceType(), notification.resourceId());
      throw unavailable("CL-1130: CareLoop has more notifications waiting to be stored than it holds;"
          + " nothing was stored. Send the notification again.");
    }
    // A stop that came meanwhile may have failed what was queued already: one not taken is ours to fail.
    if (!running && queue.remove(waiting)) {
      throw stopping();
    }
    return await(waiting.acceptance());
  }

  /** How many deliveries wait to be stored, not counting the batch being stored. */
  int waiting() {
    return queue.size();
  }

  @Override
  public void start() {
    running = true;
    committer = new Thread(this::commitWhileRunning, "hook-group-commit");
    committer.setDaemon(true);
    committer.start();
  }

  @Override
  public void stop() {
    running = false;
    try {
      if (committer != null) {
        committer.join(stopWait.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<Waiting> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(w -> w.acceptance().completeExceptionally(stopping()));
    if (!left.isEmpty()) {
      log.warn("Stopping: {} notifications not stored, answered 503", left.size());
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the web server starts, after it stops (its phases are just below the default). */
  @Override
  public int getPhase() {
    return SmartLifecycle.DEFAULT_PHASE - 4096;
  }

  private void commitWhileRunning() {
    List<Waiting> batch = new ArrayList<>(maxBatch);
    while (running || !queue.isEmpty()) {
      try {
        Waiting first = queue.poll(IDLE_LOOK.toMillis(), TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, maxBatch - 1);
        commit(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } finally {
        batch.clear();
      }
    }
  }

  private void commit(List<Waiting> batch) {
    try {
      List<Inbox.Stored> stored = store.apply(batch.stream().map(Waiting::notification).toList());
      for (int i = 0; i < batch.size(); i++) {
        Inbox.Stored one = stored.get(i);
        if (one.failure() != null) {
          batch.get(i).acceptance().completeExceptionally(one.failure());
        } else {
          batch.get(i).acceptance().complete(one.acceptance());
        }
      }
    } catch (Throwable failure) { // NOSONAR an Error too: no request may be left waiting
      // The database away: nothing of the batch was stored, and each request answers as it would alone.
      batch.forEach(w -> w.acceptance().completeExceptionally(failure));
      if (DatabaseAway.causedBy(failure)) {
        // What queued meanwhile would wait for a connection once more, after this batch's wait: on
        // one thread, such waits add up past the EHR's timeout. Answered now, as it would be alone.
        List<Waiting> queued = new ArrayList<>();
        queue.drainTo(queued);
        queued.forEach(w -> w.acceptance().completeExceptionally(failure));
      }
      if (failure instanceof Error) {
        log.error("Storing {} notifications failed: {}", batch.size(), failure.getClass().getName());
      }
    }
  }

  private static Inbox.Acceptance await(CompletableFuture<Inbox.Acceptance> acceptance) {
    try {
      return acceptance.get();
    } catch (ExecutionException e) {
      Throwable failure = e.getCause();
      if (failure instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (failure instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(failure);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      // Whether it was stored is not known: the EHR sends it again, a duplicate if it was.
      throw unavailable("CL-1131: CareLoop was stopped while the notification was being stored."
          + " Send the notification again.");
    }
  }

  private static UnclassifiedServerFailureException stopping() {
    return unavailable("CL-1131: CareLoop is stopping; nothing was stored. Send the notification again.");
  }

  private static UnclassifiedServerFailureException unavailable(String diagnostics) {
    var unavailable = new UnclassifiedServerFailureException(503, diagnostics);
    unavailable.addResponseHeader("Retry-After", RETRY_AFTER);
    return unavailable;
  }
}
