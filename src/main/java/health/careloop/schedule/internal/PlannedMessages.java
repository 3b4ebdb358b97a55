package health.careloop.schedule.internal;

import health.careloop.rules.MessageKind;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.MessageBeingSent;
import health.careloop.schedule.MessageDraft;
import health.careloop.schedule.DeliveredContent;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.schedule.ReplanResult;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** Storage and replanning of planned messages. */
@Component
public class PlannedMessages {

  private static final Logger log = LoggerFactory.getLogger(PlannedMessages.class);

  /**
   * What a replan weighs: pending messages, those done (sent or handed to staff), never planned
   * again, and parked ones, which an operator may still replay: planning the same key anew beside
   * one would make two messages of one.
   */
  static final Set<PlannedMessageStatus> LIVE = EnumSet.of(PlannedMessageStatus.PENDING,
      PlannedMessageStatus.SENT, PlannedMessageStatus.HANDED_TO_STAFF, PlannedMessageStatus.PARKED);

  private final PlannedMessageRepository repository;
  private final DeferredWork work;
  private final MessagePacing pacing;
  private final PlanAudit audit;
  private final PlanMetrics metrics;
  private final Clock clock;

  PlannedMessages(PlannedMessageRepository repository, DeferredWork work, MessagePacing pacing, PlanAudit audit,
      PlanMetrics metrics, Clock clock) {
    this.audit = audit;
    this.metrics = metrics;
    this.repository = repository;
    this.work = work;
    this.pacing = pacing;
    this.clock = clock;
  }

  public ReplanResult replan(String appointmentId, List<MessageDraft> wanted, Set<String> keepIfPending,
      String reason) {
    return replan("Appointment/" + appointmentId, lockLive(appointmentId), wanted, keepIfPending, reason);
  }

  /** {@link #replan} of the follow-ups about an Encounter. */
  public ReplanResult replanEncounter(String encounterId, MessageKind kind, List<MessageDraft> wanted, String reason) {
    if (wanted.stream().anyMatch(draft -> !encounterId.equals(draft.encounterId()) || draft.kind() != kind)) {
      throw new IllegalArgumentException("A replan of Encounter/" + encounterId + "'s " + kind.code()
          + " messages plans something else");
    }
    return replan("Encounter/" + encounterId, repository.findForUpdateByEncounterIdAndStatusIn(encounterId, LIVE)
        .stream().filter(m -> m.kind().equals(kind.code())).toList(), wanted, Set.of(), reason);
  }

  /** What the messages about an Encounter that went out were made of, per recipient. */
  public List<DeliveredContent> deliveredAbout(String encounterId) {
    return repository.findForUpdateByEncounterIdAndStatusIn(encounterId,
            EnumSet.of(PlannedMessageStatus.SENT, PlannedMessageStatus.HANDED_TO_STAFF)).stream()
        .filter(m -> !m.contentItems().isEmpty())
        .map(m -> new DeliveredContent(m.patientId(), m.guardian(), m.contentItems()))
        .toList();
  }

  /**
   * An appointment's messages that a replan weighs, locked in id order whoever they are for, as
   * every replan locks them. A message handed to staff is done, as a sent one is: the same key is
   * not planned again.
   */
  private List<PlannedMessage> lockLive(String appointmentId) {
    return repository.findLiveForUpdateByAppointmentId(appointmentId);
  }

  /** {@link #replan}, touching only the messages about one of the appointment's patients. */
  public ReplanResult replanFor(String appointmentId, String patientId, List<MessageDraft> wanted,
      Set<String> keepIfPending, String reason) {
    if (wanted.stream().anyMatch(draft -> !draft.patientId().equals(patientId))) {
      throw new IllegalArgumentException("A replan for Patient/" + patientId + " plans for another patient");
    }
    return replan("Appointment/" + appointmentId,
        lockLive(appointmentId).stream().filter(m -> m.patientId().equals(patientId)).toList(),
        wanted, keepIfPending, reason);
  }

  /**
   * Records messages that will not be planned, each closed as SKIPPED with {@code reason} as soon
   * as it is stored: what integrators see of a plan CareLoop could not make.
   */
  public void recordNotPlanned(List<MessageDraft> drafts, String reason) {
    var now = clock.instant();
    List<PlannedMessage> recorded = new ArrayList<>();
    for (MessageDraft draft : drafts) {
      PlannedMessage m = PlannedMessage.pending(draft, now);
      m.close(PlannedMessageStatus.SKIPPED, reason, now);
      recorded.add(repository.save(m));
    }
    audit.planned(recorded, now);
    log.info("{} message(s) recorded as not planned ({})", drafts.size(), reason);
  }

  /**
   * @param about {@code Appointment/<id>} or {@code Encounter/<id>}, for the log
   * @param live the messages concerned, pending or done, locked
   * @throws MessageBeingSent if a message it would revoke is being sent now ({@link MessageDispatch}):
   *     nothing is changed, and the caller's work is tried again once the send's outcome is there
   */
  private ReplanResult replan(String about, List<PlannedMessage> live,
      List<MessageDraft> wanted, Set<String> keepIfPending, String reason) {
    var now = clock.instant();
    Set<String> wantedKeys = wanted.stream().map(MessageDraft::messageKey).collect(Collectors.toSet());
    Map<String, PlannedMessage> liveByKey =
        live.stream().collect(Collectors.toMap(PlannedMessage::messageKey, Function.identity(), (a, b) -> a));

    live.stream()
        .filter(m -> m.status() == PlannedMessageStatus.PENDING && !wantedKeys.contains(m.messageKey())
            && !keepIfPending.contains(m.messageKey()) && m.isBeingSent(now))
        .findFirst().ifPresent(m -> {
          throw new MessageBeingSent(m.id());
        });
    List<String> revoked = new ArrayList<>();
    List<PlannedMessage> withdrawn = new ArrayList<>();
    for (PlannedMessage m : live) {
      if (m.status() == PlannedMessageStatus.PENDING && !wantedKeys.contains(m.messageKey())
          && !keepIfPending.contains(m.messageKey())) {
        m.close(PlannedMessageStatus.REVOKED, reason, now);
        work.withdraw(WorkKind.DISPATCH_MESSAGE, m.jobId());
        revoked.add(m.messageKey());
        withdrawn.add(m);
      } else if (m.status() == PlannedMessageStatus.PARKED && !wantedKeys.contains(m.messageKey())
          && !keepIfPending.contains(m.messageKey())) {
        m.revokeParked(reason, now);
        revoked.add(m.messageKey());
        withdrawn.add(m);
      }
    }
    List<String> planned = new ArrayList<>();
    List<PlannedMessage> created = new ArrayList<>();
    for (MessageDraft draft : wanted) {
      if (!liveByKey.containsKey(draft.messageKey())) {
        // Spread out if it is due now and planned from what a catch-up found (MessagePacing).
        MessageDraft paced = draft.withDueAt(pacing.dueAt(draft.dueAt(), now));
        PlannedMessage m = repository.save(PlannedMessage.pending(paced, now));
        work.submit(WorkKind.DISPATCH_MESSAGE, m.jobId(), paced.dueAt());
        planned.add(m.messageKey());
        created.add(m);
      }
    }
    audit.planned(created, now);
    audit.revoked(withdrawn, now);
    metrics.planned(created);
    metrics.revoked(withdrawn);
    if (!planned.isEmpty() || !revoked.isEmpty()) {
      log.info("{}: planned {} message(s), revoked {} ({})", about, planned.size(), revoked.size(), reason);
    }
    return new ReplanResult(planned, revoked);
  }

  /**
   * Moves a due message to {@code until}: the same planned message (so integrators still see one
   * request, active, with the new due time and the reason), dispatched then by a new job, submitted
   * in the caller's transaction (see {@link PlannedMessage#jobId()} for why a new one).
   */
  void defer(PlannedMessage message, Instant until, String reason) {
    message.deferTo(until, reason, clock.instant());
    work.submit(WorkKind.DISPATCH_MESSAGE, message.jobId(), until);
  }

  /** Closes a message of a group as its leader was closed (sent, handed to staff): the leader's text listed it too. */
  void closeWith(PlannedMessage companion, PlannedMessage leader) {
    companion.closeWith(leader, clock.instant());
    work.withdraw(WorkKind.DISPATCH_MESSAGE, companion.jobId());
  }

  /** Its dispatch job, if not started yet, is not needed any more (a parked message waits for a replay). */
  void withdraw(PlannedMessage message) {
    work.withdraw(WorkKind.DISPATCH_MESSAGE, message.jobId());
  }

  /** Whether a message with this key was planned and not withdrawn since. */
  public boolean isPlanned(String messageKey) {
    return repository.existsByMessageKeyAndStatusNot(messageKey, PlannedMessageStatus.REVOKED);
  }

  static PlannedMessageView view(PlannedMessage m) {
    return new PlannedMessageView(m.id(), m.messageKey(), m.kind(),
        m.appointmentId(), m.patientId(), m.dueAt(), m.status(), m.statusReason(), m.communicationId(),
        m.guardian(), m.createdAt(), m.updatedAt(), m.taskId(), m.encounterId());
  }
}
