package health.careloop.schedule.internal;

import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import health.careloop.schedule.DueMessageHandler.DispatchOutcome;
import health.careloop.schedule.MessageBeingSent;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.WorkFailure;
import health.careloop.schedule.WorkFailures;
import health.careloop.schedule.WorkHandler;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a due message in three steps, so that no row lock and no database connection is held while
 * CareLoop waits on the EHR (whose every read and write may take its full timeout):
 * <ol>
 *   <li>a short transaction locks the message (and the pending messages of its group), checks it
 *       is still pending and still this job's (a replan may have revoked it, a deferral moved it),
 *       and claims them all for this job ({@link PlannedMessage#claim}, until {@link #CLAIM});
 *   <li>the {@link DueMessageHandler} sends it, outside any transaction;
 *   <li>a short transaction records the outcome, if the message is still pending and claimed by
 *       this job, and ends the claims. Messages of the group that the sent message listed too are
 *       closed with it. A deferred message stays the same pending message, due later, with a new
 *       job ({@link PlannedMessage#jobId()}).
 * </ol>
 * While the claim holds, a replan that would revoke the message does not: it fails and is tried
 * again ({@link health.careloop.schedule.MessageBeingSent}), and then sees what the send did, as
 * if the send had finished first. A dispatch of another message of the group waits likewise (its
 * job is tried again): the message being sent may list it.
 *
 * <p>A crash after the EHR write but before the outcome is recorded makes the scheduler run the
 * job again (once its heartbeat is stale); the same job takes its own claim over, and the
 * write-back's conditional create on the message key finds the Communication already there.
 *
 * <p>A handler that throws leaves the message pending, its claim ended, and the scheduler tries
 * again ({@link RetryWithBackOff}); unless the EHR refused it ({@link WorkFailures}: a 4xx answer,
 * which the same write would get again): then the message is parked at once, with the refusal as
 * its reason, for an operator to fix and replay, and the job ends normally.
 */
@Component
class MessageDispatch implements WorkHandler {

  private static final Logger log = LoggerFactory.getLogger(MessageDispatch.class);

  /**
   * How long a claim holds should its job never end it. Every run ends its claim (recorded,
   * parked, or released on a failure) and a crashed run's job runs again and takes it over, so
   * this only bounds a claim whose job is gone: far longer than a send can take (a few EHR calls
   * of at most their timeout each), so that no live send is ever revoked under it.
   */
  static final Duration CLAIM = Duration.ofMinutes(10);

  private final PlannedMessageRepository repository;
  private final PlannedMessages plannedMessages;
  private final List<DueMessageHandler> handlers;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final WorkFailures failures;
  private final DeliveryMetrics metrics;

  MessageDispatch(PlannedMessageRepository repository, PlannedMessages plannedMessages,
      List<DueMessageHandler> handlers, TransactionTemplate transaction, Clock clock, WorkFailures failures,
      DeliveryMetrics metrics) {
    this.failures = failures;
    this.metrics = metrics;
    this.repository = repository;
    this.plannedMessages = plannedMessages;
    for (MessageKind kind : MessageKind.values()) {
      if (handlers.stream().filter(h -> h.handles(kind)).count() != 1) {
        throw new IllegalStateException("Message kind " + kind.code() + " needs exactly one DueMessageHandler");
      }
    }
    this.handlers = List.copyOf(handlers);
    this.transaction = transaction;
    this.clock = clock;
  }

  @Override
  public WorkKind kind() {
    return WorkKind.DISPATCH_MESSAGE;
  }

  /** @param jobId the message's dispatch job ({@link PlannedMessage#jobId()}) */
  @Override
  public void run(String jobId) {
    String plannedMessageId = PlannedMessage.idOfJob(jobId);
    Optional<Claim> claim = transaction.execute(status -> claim(jobId, plannedMessageId));
    if (claim == null || claim.isEmpty()) {
      return;
    }
    DueMessage message = claim.get().message();
    DispatchOutcome outcome;
    try {
      outcome = handlerOf(message.kind()).dispatch(message, claim.get().sameGroup());
    } catch (RuntimeException e) {
      WorkFailure failure = failures.classify(e, clock.instant());
      if (failure.permanent()) {
        park(jobId, plannedMessageId, claim.get(), failure.reason());
        return;
      }
      release(jobId, claim.get());
      throw e;
    }
    List<String> sentKinds = transaction.execute(status -> record(jobId, plannedMessageId, claim.get(), outcome));
    sentKinds.forEach(metrics::sent);
  }

  /**
   * What one run sends: the message that speaks for the group, the other pending messages of the
   * group it may list, and the ids of all of them (the woken one too), which this job has claimed.
   */
  private record Claim(DueMessage message, List<DueMessage> sameGroup, SortedSet<String> ids) {}

  /** Step 1: locks, checks and claims; empty when there is nothing (left) to send. */
  private Optional<Claim> claim(String jobId, String plannedMessageId) {
    Instant now = clock.instant();
    List<PlannedMessage> locked = lockWithItsGroup(plannedMessageId);
    Optional<PlannedMessage> due = locked.stream().filter(m -> m.id().equals(plannedMessageId)).findFirst();
    if (due.isEmpty() || due.get().status() != PlannedMessageStatus.PENDING) {
      return Optional.empty();
    }
    if (!due.get().isDispatchedBy(jobId)) {
      // A job a deferral used up, run again after a crash kept db-scheduler from removing it.
      log.info("Job {} is used up: planned message {} is due at {} with job {}", jobId, plannedMessageId,
          due.get().dueAt(), due.get().jobId());
      return Optional.empty();
    }
    locked.stream().filter(m -> m.isBeingSentByAnother(jobId, now)).findFirst().ifPresent(busy -> {
      // Its group's leader is being sent, and may list it: tried again once that is recorded.
      throw new MessageBeingSent(busy.id());
    });
    PlannedMessage leader = leader(locked, plannedMessageId);
    locked.forEach(m -> m.claim(jobId, now.plus(CLAIM)));
    return Optional.of(new Claim(leader.toDueMessage(),
        locked.stream().filter(m -> m != leader).map(PlannedMessage::toDueMessage).toList(),
        locked.stream().map(PlannedMessage::id).collect(Collectors.toCollection(TreeSet::new))));
  }

  /** The claimed messages, locked again in id order, as a group is locked. */
  private List<PlannedMessage> lockClaimed(Claim claim) {
    return claim.ids().stream().map(repository::findForUpdate).flatMap(Optional::stream).toList();
  }

  /** Step 3: the outcome, recorded if the message is still this job's; the claims end. */
  private List<String> record(String jobId, String plannedMessageId, Claim claim, DispatchOutcome outcome) {
    List<PlannedMessage> locked = lockClaimed(claim);
    List<String> sentKinds = new ArrayList<>();
    String leaderId = claim.message().plannedMessageId();
    Optional<PlannedMessage> leader = locked.stream().filter(m -> m.id().equals(leaderId)).findFirst();
    if (leader.isEmpty() || leader.get().status() != PlannedMessageStatus.PENDING
        || !leader.get().isClaimedBy(jobId)) {
      // Only after the claim lapsed (a send longer than CLAIM): what the EHR got is not what the plan says.
      log.error("Planned message {} changed while job {} sent it ({}): its outcome ({}) is not recorded",
          leaderId, jobId, leader.map(PlannedMessage::status).orElse(null), outcome.getClass().getSimpleName());
      releaseClaims(locked, jobId);
      return sentKinds;
    }
    PlannedMessage message = leader.get();
    List<PlannedMessage> sameGroup = locked.stream()
        .filter(m -> m != message && m.status() == PlannedMessageStatus.PENDING && m.isClaimedBy(jobId)).toList();
    if (outcome instanceof DispatchOutcome.Sent sent) {
      message.markSent(sent.communicationId(), sent.note(), clock.instant());
      sent.recordedWith().run();
      log.info("Planned message {} sent as {}", message.id(), sent.communicationId());
      closeWith(message, sameGroup, sent.included());
      sentKinds.add(message.kind());
      sameGroup.stream().filter(m -> sent.included().contains(m.id())).forEach(m -> sentKinds.add(m.kind()));
    } else if (outcome instanceof DispatchOutcome.HandedToStaff handed) {
      message.markHandedToStaff(handed.taskId(), handed.reason(), clock.instant());
      log.info("Planned message {} handed to staff as {}", message.id(), handed.taskId());
      closeWith(message, sameGroup, handed.included());
    } else if (outcome instanceof DispatchOutcome.Skipped skipped) {
      message.close(PlannedMessageStatus.SKIPPED, skipped.reason(), clock.instant());
      log.info("Planned message {} skipped: {}", message.id(), skipped.reason());
    } else if (outcome instanceof DispatchOutcome.Deferred deferred) {
      plannedMessages.defer(message, deferred.until(), deferred.reason());
      log.info("Planned message {} deferred to {} (job {}): {}", message.id(), deferred.until(), message.jobId(),
          deferred.reason());
    }
    locked.stream().filter(m -> m.id().equals(plannedMessageId)).findFirst().ifPresent(woken -> {
      if (woken.status() == PlannedMessageStatus.PENDING && woken.isDispatchedBy(jobId)) {
        // Its group's leader went instead and did not list it; its own job is used up: due again now.
        plannedMessages.defer(woken, clock.instant(), "its group's earlier message went first");
        log.info("Planned message {} due again now (job {}) after its group's leader {}", woken.id(), woken.jobId(),
            message.id());
      }
    });
    releaseClaims(locked, jobId);
    return sentKinds;
  }

  private static void releaseClaims(List<PlannedMessage> locked, String jobId) {
    locked.stream().filter(m -> m.isClaimedBy(jobId)).forEach(PlannedMessage::release);
  }

  /**
   * The send failed and will be tried again: its claims end now, so that a replan waiting for it
   * need not wait for the retry. Should this fail too (the database away), they lapse after {@link #CLAIM}.
   */
  private void release(String jobId, Claim claim) {
    try {
      transaction.executeWithoutResult(status -> releaseClaims(lockClaimed(claim), jobId));
    } catch (RuntimeException e) {
      log.warn("Planned message {}: its claim by job {} could not be ended; it lapses after {}",
          claim.message().plannedMessageId(), jobId, CLAIM, e);
    }
  }

  private DueMessageHandler handlerOf(MessageKind kind) {
    return handlers.stream().filter(h -> h.handles(kind)).findFirst().orElseThrow();
  }

  /**
   * Which message of a group speaks for it: the earliest due (then the lowest id), whichever job
   * woke up first. A retry after a crash between the EHR write and the commit then writes the same
   * message key again (and finds it there) instead of a companion writing a second copy.
   */
  private PlannedMessage leader(List<PlannedMessage> locked, String woken) {
    Instant now = clock.instant();
    return locked.stream()
        .filter(m -> m.id().equals(woken) || !m.dueAt().isAfter(now))
        .min(Comparator.comparing(PlannedMessage::dueAt).thenComparing(PlannedMessage::id))
        .orElseThrow();
  }

  /** The messages of the group the leader's message listed too are done with it. */
  private void closeWith(PlannedMessage leader, List<PlannedMessage> sameGroup, List<String> included) {
    sameGroup.stream().filter(m -> included.contains(m.id())).forEach(m -> {
      plannedMessages.closeWith(m, leader);
      log.info("Planned message {} closed with {} ({})", m.id(), leader.id(), leader.status());
    });
  }

  /** The message, locked; with the other pending messages of its group when it has one. */
  private List<PlannedMessage> lockWithItsGroup(String plannedMessageId) {
    Optional<String> groupKey = repository.findGroupKey(plannedMessageId);
    if (groupKey.isEmpty()) {
      return repository.findForUpdate(plannedMessageId).map(List::of).orElse(List.of());
    }
    return repository.findGroupForUpdate(groupKey.get(), PlannedMessageStatus.PENDING);
  }

  /**
   * The EHR refused the message (the claim's leader): parked, if it is still pending; the message
   * whose job this is, when another, due again now as when its leader went without it. The claims end.
   */
  private void park(String jobId, String wokenId, Claim claim, String reason) {
    String refusedId = claim.message().plannedMessageId();
    List<String> parkedKinds = new ArrayList<>();
    transaction.executeWithoutResult(status -> {
      List<PlannedMessage> locked = lockClaimed(claim);
      for (PlannedMessage m : locked) {
        if (m.status() != PlannedMessageStatus.PENDING) {
          continue;
        }
        if (m.id().equals(refusedId)) {
          m.park(reason, clock.instant());
          plannedMessages.withdraw(m);
          parkedKinds.add(m.kind());
          log.warn("Planned message {} parked, not retried: the EHR refused it ({})", m.id(), reason);
        } else if (m.id().equals(wokenId) && m.isDispatchedBy(jobId)) {
          plannedMessages.defer(m, clock.instant(), "its group's earlier message was parked");
          log.info("Planned message {} due again now (job {}) after its group's leader {} was parked", m.id(),
              m.jobId(), refusedId);
        }
      }
      releaseClaims(locked, jobId);
    });
    parkedKinds.forEach(metrics::parked);
  }

  @Override
  public void retrying(String jobId, WorkFailure failure, Instant next) {
    repository.findById(PlannedMessage.idOfJob(jobId)).ifPresent(m -> {
      if (m.isBeingSentByAnother(jobId, clock.instant())) {
        log.info("Planned message {} waits for its group's message being sent: tried again at {}", m.id(), next);
        return;
      }
      metrics.retried(m.kind());
      log.info("Planned message {} not written ({}): tried again at {}", m.id(), failure.reason(), next);
    });
  }

  /** @param jobId the message's dispatch job; a job a deferral used up gives up nothing */
  @Override
  public void giveUp(String jobId) {
    List<String> failedKinds = new ArrayList<>();
    transaction.executeWithoutResult(status -> repository.findForUpdate(PlannedMessage.idOfJob(jobId))
        .filter(m -> m.status() == PlannedMessageStatus.PENDING && m.isDispatchedBy(jobId))
        .ifPresent(m -> {
          m.close(PlannedMessageStatus.FAILED, "could not be written to the EHR: gave up after retrying",
              clock.instant());
          failedKinds.add(m.kind());
          log.error("Planned message {} failed for good", m.id());
        }));
    failedKinds.forEach(metrics::failed);
  }
}
