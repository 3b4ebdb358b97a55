package health.careloop.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import health.careloop.rules.MessageKind;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import health.careloop.schedule.DueMessageHandler.DispatchOutcome;
import health.careloop.schedule.MessageDraft;
import health.careloop.schedule.PlannedMessageStatus;
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
      return outcomes.remove(0);
    }
  };
  private final MessageDispatch dispatch = new MessageDispatch(repository,
      new PlannedMessages(repository, work, clock), List.of(handler),
      new TransactionTemplate(mock(PlatformTransactionManager.class)), clock);

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
    PlannedMessage leader = stored(draft("Appointment/a1:Patient/p1:reminder-P2D:" + START, DUE, "g1"));
    PlannedMessage member = stored(draft("Appointment/a2:Patient/p1:reminder-P2D:" + START.plusSeconds(3600),
        DUE.plusSeconds(60), "g1"));
    when(repository.findGroupKey(member.id())).thenReturn(Optional.of("g1"));
    when(repository.findGroupForUpdate("g1", PlannedMessageStatus.PENDING)).thenReturn(List.of(leader, member));
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
  }
}
