package health.careloop.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import health.careloop.rules.MessageKind;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.MessageBeingSent;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import health.careloop.schedule.DueMessageHandler.DispatchOutcome;
import health.careloop.schedule.MessageDraft;
import health.careloop.schedule.PlannedMessageReplay;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.WorkFailure;
import health.careloop.schedule.WorkFailures;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import health.careloop.schedule.WorkKind;
import health.careloop.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a dispatch leaves behind, without a database: the planned message's row (an entity the
 * repository hands out) and the jobs submitted to the scheduler.
 */
class MessageDispatchTest {

  private static final Instant START = Instant.parse("2030-03-12T09:00:00Z");
  private static final Instant DUE = START.minus(Duration.ofDays(2));
  private static final Instant MORNING = DUE.plus(Duration.ofHours(6));

  private final MutableClock clock = MutableClock.startingNow();
  private final PlannedMessageRepository repository = mock(PlannedMessageRepository.class);
  private final RecordingWork work = new RecordingWork();
  private final List<DispatchOutcome> outcomes = new ArrayList<>();
  private final List<DueMessage> dispatched = new ArrayList<>();
  private final DueMessageHandler handler = new DueMessageHandler() {
    @Override
    public boolean handles(health.careloop.rules.MessageKind kind) {
      return true;
    }

    @Override
    public DispatchOutcome dispatch(DueMessage message, List<DueMessage> sameGroup) {
      dispatched.add(message);
      whileSending.run();
      if (!throwing.isEmpty()) {
        throw throwing.remove(0);
      }
      return outcomes.remove(0);
    }
  };
  /** What happens elsewhere while the handler asks the EHR. */
  private Runnable whileSending = () -> {};
  /** What the handler throws instead of answering, first to last. */
  private final List<RuntimeException> throwing = new ArrayList<>();
  /** Stands in for write-back's EHR failures: an IllegalArgumentException is the EHR's 422. */
  private final WorkFailures failures = (failure, now) -> failure instanceof IllegalArgumentException
      ? WorkFailure.permanentFailure("HTTP 422 (processing)")
      : WorkFailure.transientFailure("HTTP 503", Optional.empty());
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final TransactionTemplate transaction = new TransactionTemplate(mock(PlatformTransactionManager.class));
  private final MessageDispatch dispatch = new MessageDispatch(repository,
      new PlannedMessages(repository, work, new MessagePacing(null), new PlanAudit(mock(health.careloop.audit.AuditTrail.class)),
        new PlanMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), clock), List.of(handler),
      transaction, clock, failures, new DeliveryMetrics(meters));

  @BeforeEach
  void saveHandsBackWhatItSaves() {
    when(repository.save(any())).thenAnswer(invocation -> invocation.getArgument(0));
  }

  @Test
  void aMessageDeferredAtSendTime_staysTheSamePendingMessage_dueLater_withTheReason() {
    PlannedMessage message = stored(draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, null));
    clock.set(DUE.plusSeconds(1));
    outcomes.add(DispatchOutcome.deferred(MORNING, "quiet hours in Etc/GMT-2"));

    dispatch.run(message.id());

    assertThat(message.status()).isEqualTo(PlannedMessageStatus.PENDING);
    assertThat(message.dueAt()).isEqualTo(MORNING);
    assertThat(message.statusReason()).contains("quiet hours in Etc/GMT-2").contains(DUE.toString());
    verify(repository, never()).save(any());
    assertThat(work.submitted).as("one job for the new due time").singleElement().satisfies(job -> {
      assertThat(job.at()).isEqualTo(MORNING);
      assertThat(job.id()).as("a fresh job: the one running cannot be rescheduled from inside")
          .isNotEqualTo(message.id());
    });
  }

  @Test
  void aGroupMemberItsLeaderDidNotList_staysTheSamePendingMessage_dueNow() {
    List<PlannedMessage> group = storedGroup();
    PlannedMessage leader = group.get(0);
    PlannedMessage member = group.get(1);
    clock.set(DUE.plusSeconds(61));
    Instant now = clock.instant();
    outcomes.add(DispatchOutcome.sent("Communication/c1", List.of()));

    dispatch.run(member.id());

    assertThat(dispatched).extracting(DueMessage::plannedMessageId).containsExactly(leader.id());
    assertThat(leader.status()).isEqualTo(PlannedMessageStatus.SENT);
    assertThat(member.status()).isEqualTo(PlannedMessageStatus.PENDING);
    assertThat(member.dueAt()).isBetween(now, clock.instant());
    assertThat(member.statusReason()).contains("its group's earlier message went first");
    verify(repository, never()).save(any());
    assertThat(work.submitted).singleElement().satisfies(job -> {
      assertThat(job.at()).isEqualTo(member.dueAt());
      assertThat(job.id()).isNotEqualTo(member.id());
    });
  }

  @Test
  void theJobADeferralUsedUp_doesNothingWhenRevived_theFreshOneSendsAtTheNewTime() {
    PlannedMessage message = stored(draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, null));
    clock.set(DUE.plusSeconds(1));
    outcomes.add(DispatchOutcome.deferred(MORNING, "quiet hours in Etc/GMT-2"));
    dispatch.run(message.id());
    Instant movedAt = message.updatedAt();
    String fresh = work.submitted.get(0).id();

    // A crash before db-scheduler removed the used-up job: it is revived and runs again.
    clock.set(DUE.plusSeconds(120));
    dispatch.run(message.id());
    dispatch.giveUp(message.id());

    assertThat(dispatched).hasSize(1);
    assertThat(message.status()).isEqualTo(PlannedMessageStatus.PENDING);
    assertThat(message.updatedAt()).isEqualTo(movedAt);
    assertThat(work.submitted).hasSize(1);

    clock.set(MORNING.plusSeconds(1));
    outcomes.add(DispatchOutcome.sent("Communication/c1", List.of()));
    dispatch.run(fresh);

    assertThat(dispatched).extracting(DueMessage::plannedMessageId).containsExactly(message.id(), message.id());
    assertThat(message.status()).isEqualTo(PlannedMessageStatus.SENT);
    assertThat(message.communicationId()).isEqualTo("Communication/c1");
  }

  @Test
  void whileTheEhrIsAsked_theMessageIsClaimed_aReplanThatWouldRevokeItWaits_andThenFindsItSent() {
    MessageDraft reminder = draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, null);
    PlannedMessage message = stored(reminder);
    when(repository.findLiveForUpdateByAppointmentId("a1"))
        .thenAnswer(invocation -> PlannedMessages.LIVE.contains(message.status()) ? List.of(message) : List.of());
    PlannedMessages plans = new PlannedMessages(repository, work, new MessagePacing(null), new PlanAudit(mock(health.careloop.audit.AuditTrail.class)),
        new PlanMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), clock);
    clock.set(DUE.plusSeconds(1));
    List<RuntimeException> replanDuringSend = new ArrayList<>();
    whileSending = () -> {
      assertThat(message.isBeingSent(clock.instant())).isTrue();
      try {
        plans.replan("a1", List.of(), java.util.Set.of(), "cancelled");
      } catch (MessageBeingSent e) {
        replanDuringSend.add(e);
      }
    };
    outcomes.add(DispatchOutcome.sent("Communication/c1", List.of()));

    dispatch.run(message.id());

    assertThat(replanDuringSend).as("the replan waited for the send").hasSize(1);
    assertThat(message.status()).isEqualTo(PlannedMessageStatus.SENT);
    assertThat(message.isBeingSent(clock.instant())).isFalse();
    assertThat(plans.replan("a1", List.of(), java.util.Set.of(), "cancelled").revoked())
        .as("tried again, it finds the message sent: nothing to revoke").isEmpty();
    assertThat(message.status()).isEqualTo(PlannedMessageStatus.SENT);
  }

  @Test
  void aGroupMembersJob_whileItsLeaderIsBeingSent_isTriedAgainLater_andThatIsNoEhrRetry() {
    List<PlannedMessage> group = storedGroup();
    PlannedMessage leader = group.get(0);
    PlannedMessage member = group.get(1);
    when(repository.findById(member.id())).thenReturn(Optional.of(member));
    clock.set(DUE.plusSeconds(61));
    leader.claim(leader.id(), clock.instant().plus(MessageDispatch.CLAIM));
    member.claim(leader.id(), clock.instant().plus(MessageDispatch.CLAIM));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> dispatch.run(member.id()))
        .isInstanceOf(MessageBeingSent.class);
    dispatch.retrying(member.id(), WorkFailure.transientFailure("MessageBeingSent", Optional.empty()), DUE);

    assertThat(dispatched).isEmpty();
    assertThat(member.isClaimedBy(leader.id())).isTrue();
    assertThat(meters.find("careloop.messages.retried").counter()).isNull();
  }

  @Test
  void aRunAfterACrashMidSend_takesItsOwnJobsClaimOver_andSends() {
    PlannedMessage message = stored(draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, null));
    clock.set(DUE.plusSeconds(1));
    message.claim(message.jobId(), clock.instant().plus(MessageDispatch.CLAIM));
    outcomes.add(DispatchOutcome.sent("Communication/c1", List.of()));

    dispatch.run(message.jobId());

    assertThat(message.status()).isEqualTo(PlannedMessageStatus.SENT);
    assertThat(message.isBeingSent(clock.instant())).isFalse();
  }

  @Test
  void whatTheHandlerKeepsOfASend_isStoredWithTheOutcome_notWhileTheEhrIsAsked() {
    PlannedMessage message = stored(draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, null));
    clock.set(DUE.plusSeconds(1));
    List<PlannedMessageStatus> keptWhen = new ArrayList<>();
    outcomes.add(new DispatchOutcome.Sent("Communication/c1", List.of(), null, () -> keptWhen.add(message.status())));

    dispatch.run(message.id());

    assertThat(keptWhen).as("kept once, in the transaction that records it sent").containsExactly(
        PlannedMessageStatus.SENT);
  }

  @Test
  void aMessageTheEhrRefuses_isParkedAtOnce_withTheRefusalAsItsReason_andTheJobEndsNormally() {
    PlannedMessage message = stored(draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, null));
    clock.set(DUE.plusSeconds(1));
    throwing.add(new IllegalArgumentException("422 for Jane Doe"));
    Instant before = clock.instant();

    dispatch.run(message.id());

    assertThat(message.status()).isEqualTo(PlannedMessageStatus.PARKED);
    assertThat(message.statusReason()).isEqualTo("HTTP 422 (processing)");
    assertThat(message.updatedAt()).isBetween(before, clock.instant());
    assertThat(message.isBeingSent(clock.instant())).isFalse();
    assertThat(dispatched).hasSize(1);
    assertThat(work.submitted).isEmpty();
    assertThat(meters.counter("careloop.messages.parked", "kind", "appointment-reminder").count()).isEqualTo(1.0);
    assertThat(meters.find("careloop.messages.sent").counter()).isNull();
  }

  @Test
  void aMessageTheEhrCouldNotTakeNow_staysPending_andTheFailureGoesToTheScheduler() {
    PlannedMessage message = stored(draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, null));
    clock.set(DUE.plusSeconds(1));
    IllegalStateException unavailable = new IllegalStateException("503");
    throwing.add(unavailable);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> dispatch.run(message.id())).isSameAs(unavailable);

    assertThat(message.status()).isEqualTo(PlannedMessageStatus.PENDING);
    assertThat(message.isBeingSent(clock.instant())).as("its claim ended until the retry").isFalse();
    assertThat(meters.find("careloop.messages.parked").counter()).isNull();
  }

  @Test
  void aRetry_andAGiveUp_areCountedPerKind() {
    PlannedMessage message = stored(draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, null));
    when(repository.findById(message.id())).thenReturn(Optional.of(message));

    dispatch.retrying(message.id(), WorkFailure.transientFailure("HTTP 503", Optional.empty()), DUE);
    dispatch.giveUp(message.id());

    assertThat(meters.counter("careloop.messages.retried", "kind", "appointment-reminder").count()).isEqualTo(1.0);
    assertThat(meters.counter("careloop.messages.failed", "kind", "appointment-reminder").count()).isEqualTo(1.0);
    assertThat(message.status()).isEqualTo(PlannedMessageStatus.FAILED);
  }

  @Test
  void aSentMessage_isCounted() {
    PlannedMessage message = stored(draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, null));
    clock.set(DUE.plusSeconds(1));
    outcomes.add(DispatchOutcome.sent("Communication/c1", List.of()));

    dispatch.run(message.id());

    assertThat(meters.counter("careloop.messages.sent", "kind", "appointment-reminder").count()).isEqualTo(1.0);
  }

  @Test
  void aParkedMessage_replayed_isPendingAndDueNow_withAFreshJob_andASecondReplayChangesNothing() {
    PlannedMessage message = stored(draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, null));
    clock.set(DUE.plusSeconds(1));
    throwing.add(new IllegalArgumentException("422"));
    dispatch.run(message.id());
    clock.set(DUE.plus(Duration.ofHours(1)));
    Instant before = clock.instant();
    PlannedMessageReplayer replayer = new PlannedMessageReplayer(repository, work, transaction, clock);

    PlannedMessageReplay.Result first = replayer.replay(message.id());
    PlannedMessageReplay.Result second = replayer.replay(message.id());

    assertThat(first).isInstanceOf(PlannedMessageReplay.Result.Replayed.class);
    assertThat(message.status()).isEqualTo(PlannedMessageStatus.PENDING);
    assertThat(message.dueAt()).isBetween(before, clock.instant());
    assertThat(message.statusReason()).startsWith("replayed at ").contains("parked: HTTP 422 (processing)");
    assertThat(work.submitted).singleElement().satisfies(job -> {
      assertThat(job.at()).isEqualTo(message.dueAt());
      assertThat(job.id()).isEqualTo(message.jobId()).isNotEqualTo(message.id());
    });
    assertThat(second).isInstanceOf(PlannedMessageReplay.Result.NotReplayable.class);
    assertThat(work.submitted).hasSize(1);
    assertThat(replayer.replay("nobody")).isInstanceOf(PlannedMessageReplay.Result.NotFound.class);

    // The old job, should a crash revive it, does nothing; the fresh one sends.
    outcomes.add(DispatchOutcome.sent("Communication/c1", List.of()));
    dispatch.run(message.id());
    assertThat(message.status()).isEqualTo(PlannedMessageStatus.PENDING);
    dispatch.run(message.jobId());
    assertThat(message.status()).isEqualTo(PlannedMessageStatus.SENT);
  }

  @Test
  void aMessageThatIsNotParkedOrFailed_cannotBeReplayed() {
    PlannedMessage message = stored(draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, null));
    PlannedMessageReplayer replayer = new PlannedMessageReplayer(repository, work, transaction, clock);

    assertThat(replayer.replay(message.id())).isInstanceOf(PlannedMessageReplay.Result.NotReplayable.class);
    assertThat(message.status()).isEqualTo(PlannedMessageStatus.PENDING);
    assertThat(work.submitted).isEmpty();
  }

  @Test
  void aReplan_plansNoSecondMessageBesideAParkedOne_andWithdrawsItWhenNoLongerWanted() {
    MessageDraft reminder = draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, null);
    PlannedMessage message = stored(reminder);
    clock.set(DUE.plusSeconds(1));
    throwing.add(new IllegalArgumentException("422"));
    dispatch.run(message.id());
    when(repository.findLiveForUpdateByAppointmentId("a1"))
        .thenAnswer(invocation -> PlannedMessages.LIVE.contains(message.status()) ? List.of(message) : List.of());
    PlannedMessages plans = new PlannedMessages(repository, work, new MessagePacing(null), new PlanAudit(mock(health.careloop.audit.AuditTrail.class)),
        new PlanMetrics(new io.micrometer.core.instrument.simple.SimpleMeterRegistry()), clock);

    assertThat(plans.replan("a1", List.of(reminder), java.util.Set.of(), "updated").planned()).isEmpty();
    assertThat(message.status()).isEqualTo(PlannedMessageStatus.PARKED);

    assertThat(plans.replan("a1", List.of(), java.util.Set.of(), "cancelled").revoked())
        .containsExactly(reminder.messageKey());
    assertThat(message.status()).isEqualTo(PlannedMessageStatus.REVOKED);
    verify(repository, never()).save(any());
  }

  /**
   * The same recipient's reminders for two appointments on one day, stored as group g1: the
   * leader due first, the member a minute later.
   */
  private List<PlannedMessage> storedGroup() {
    PlannedMessage leader = stored(draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, "g1"));
    PlannedMessage member = stored(draft("Appointment/a2:Patient/p1:reminder-P2D:" + START.plusSeconds(3600),
        DUE.plusSeconds(60), "g1"));
    when(repository.findGroupKey(member.id())).thenReturn(Optional.of("g1"));
    when(repository.findGroupForUpdate("g1", PlannedMessageStatus.PENDING)).thenReturn(List.of(leader, member));
    return List.of(leader, member);
  }

  private PlannedMessage stored(MessageDraft draft) {
    PlannedMessage message = PlannedMessage.pending(draft, DUE.minus(Duration.ofDays(5)));
    when(repository.findForUpdate(message.id())).thenReturn(Optional.of(message));
    return message;
  }

  private static MessageDraft draft(String key, Instant due, String groupKey) {
    return new MessageDraft(key, MessageKind.APPOINTMENT_REMINDER, key.substring(12, 14), "p1", START, due, null,
        false, null, null, groupKey);
  }

  record Job(WorkKind kind, String id, Instant at) {}

  static final class RecordingWork implements DeferredWork {
    final List<Job> submitted = new ArrayList<>();

    @Override
    public void submit(WorkKind kind, String id, Instant at) {
      submitted.add(new Job(kind, id, at));
    }

    @Override
    public void withdraw(WorkKind kind, String id) {}

    @Override
    public void await(WorkKind kind, String id, Instant until) {
      throw new UnsupportedOperationException("dispatch never waits for anything");
    }

    @Override
    public void runNow(WorkKind recurring) {
      throw new UnsupportedOperationException("dispatch starts no recurring work");
    }

    @Override
    public void runDueWork() {
      throw new UnsupportedOperationException("dispatch only submits work");
    }
  }
}
