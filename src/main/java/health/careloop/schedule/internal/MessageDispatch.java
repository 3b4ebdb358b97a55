package health.careloop.schedule.internal;

import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import health.careloop.schedule.DueMessageHandler.DispatchOutcome;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.WorkFailure;
import health.careloop.schedule.WorkFailures;
import health.careloop.schedule.WorkHandler;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a due message: locks its row (and those of the pending messages of its group), checks it
 * is still pending (a replan may have revoked it), hands it to the {@link DueMessageHandler}, and
 * records the outcome in the same transaction. Messages of the group that the sent message listed
 * too are closed with it. A deferred message stays the same pending message, due later, with a new
 * job ({@link PlannedMessage#jobId()}).
 * A crash after the EHR write but before the commit makes the scheduler run it again; the
 * write-back's conditional create on the message key then finds the Communication already there.
 *
 * <p>A handler that throws leaves the message pending, and the scheduler tries again
 * ({@link RetryWithBackOff}); unless the EHR refused it ({@link WorkFailures}: a 4xx answer, which
 * the same write would get again): then the message is parked at once, with the refusal as its
 * reason, for an operator to fix and replay, and the job ends normally.
 */
@Component
class MessageDispatch implements WorkHandler {

  private static final Logger log = LoggerFactory.getLogger(MessageDispatch.class);

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
    List<String> sentKinds = new ArrayList<>();
    try {
      dispatch(jobId, plannedMessageId, sentKinds);
    } catch (Refused refused) {
      park(jobId, plannedMessageId, refused);
      return;
    }
    sentKinds.forEach(metrics::sent);
  }

  private void dispatch(String jobId, String plannedMessageId, List<String> sentKinds) {
    transaction.executeWithoutResult(status -> {
      List<PlannedMessage> locked = lockWithItsGroup(plannedMessageId);
      Optional<PlannedMessage> due = locked.stream().filter(m -> m.id().equals(plannedMessageId)).findFirst();
      if (due.isEmpty() || due.get().status() != PlannedMessageStatus.PENDING) {
        return;
      }
      if (!due.get().isDispatchedBy(jobId)) {
        // A job a deferral used up, run again after a crash kept db-scheduler from removing it.
        log.info("Job {} is used up: planned message {} is due at {} with job {}", jobId, plannedMessageId,
            due.get().dueAt(), due.get().jobId());
        return;
      }
      PlannedMessage message = leader(locked, plannedMessageId);
      List<PlannedMessage> sameGroup = locked.stream().filter(m -> m != message).toList();
      DueMessage dueMessage = message.toDueMessage();
      DispatchOutcome outcome;
      try {
        outcome = handlerOf(dueMessage.kind()).dispatch(dueMessage,
            sameGroup.stream().map(PlannedMessage::toDueMessage).toList());
      } catch (RuntimeException e) {
        WorkFailure failure = failures.classify(e, clock.instant());
        if (failure.permanent()) {
          // Rolled back (whatever the handler did in this transaction goes); parked in a new one.
          throw new Refused(message.id(), failure.reason(), e);
        }
        throw e;
      }
      if (outcome instanceof DispatchOutcome.Sent sent) {
        message.markSent(sent.communicationId(), sent.note(), clock.instant());
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
      PlannedMessage woken = due.get();
      if (woken.status() == PlannedMessageStatus.PENDING && woken.isDispatchedBy(jobId)) {
        // Its group's leader went instead and did not list it; its own job is used up: due again now.
        plannedMessages.defer(woken, clock.instant(), "its group's earlier message went first");
        log.info("Planned message {} due again now (job {}) after its group's leader {}", woken.id(), woken.jobId(),
            message.id());
      }
    });
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
   * The EHR refused the message ({@code refused.plannedMessageId()}, its group's leader): parked,
   * in a transaction of its own (the dispatch's was rolled back), if it is still pending; the
   * message whose job this is, when another, due again now as when its leader went without it.
   */
  private void park(String jobId, String wokenId, Refused refused) {
    List<String> parkedKinds = new ArrayList<>();
    transaction.executeWithoutResult(status -> {
      // Locked in id order, as a group is, so that two dispatches wait for each other.
      for (String id : new TreeSet<>(List.of(refused.plannedMessageId(), wokenId))) {
        repository.findForUpdate(id).ifPresent(m -> {
          if (m.status() != PlannedMessageStatus.PENDING) {
            return;
          }
          if (id.equals(refused.plannedMessageId())) {
            m.park(refused.reason(), clock.instant());
            plannedMessages.withdraw(m);
            parkedKinds.add(m.kind());
            log.warn("Planned message {} parked, not retried: the EHR refused it ({})", m.id(), refused.reason());
          } else if (m.isDispatchedBy(jobId)) {
            plannedMessages.defer(m, clock.instant(), "its group's earlier message was parked");
            log.info("Planned message {} due again now (job {}) after its group's leader {} was parked", m.id(),
                m.jobId(), refused.plannedMessageId());
          }
        });
      }
    });
    parkedKinds.forEach(metrics::parked);
  }

  /** The EHR refused the message with this id: the dispatch's transaction rolls back, and it is parked. */
  private static final class Refused extends RuntimeException {
    private final String plannedMessageId;
    private final String reason;

    Refused(String plannedMessageId, String reason, RuntimeException cause) {
      super("The EHR refused planned message " + plannedMessageId + " (" + reason + ")", cause);
      this.plannedMessageId = plannedMessageId;
      this.reason = reason;
    }

    String plannedMessageId() {
      return plannedMessageId;
    }

    String reason() {
      return reason;
    }
  }

  @Override
  public void retrying(String jobId, WorkFailure failure, Instant next) {
    repository.findById(PlannedMessage.idOfJob(jobId)).ifPresent(m -> {
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
