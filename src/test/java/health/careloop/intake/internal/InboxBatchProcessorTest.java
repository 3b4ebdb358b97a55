package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.WorkKind;
import health.careloop.support.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A batch of notifications planned by one job: none waits behind another's failure, none is left without a job. */
class InboxBatchProcessorTest {

  private final MutableClock clock = MutableClock.startingNow();
  private final List<String> planned = new ArrayList<>();
  private final RecordingWork work = new RecordingWork();

  @Test
  void eachNotification_isPlanned_inTheOrderStored() {
    processorFailingOn(Set.of()).run("7-9,12");

    assertThat(planned).containsExactly("7", "8", "9", "12");
    assertThat(work.submitted).isEmpty();
  }

  @Test
  void oneThatCannotBePlanned_goesOnAsAJobOfItsOwnDueNow_andTheOthersArePlannedAllTheSame() {
    Instant before = clock.instant();
    processorFailingOn(Set.of("8")).run("7-9");

    assertThat(planned).containsExactly("7", "9");
    assertThat(work.submitted).singleElement().satisfies(job -> {
      assertThat(job.kind()).isEqualTo(WorkKind.PROCESS_INBOX_EVENT);
      assertThat(job.id()).isEqualTo("8");
      assertThat(job.at()).isBetween(before, clock.instant());
    });
  }

  @Test
  void whenTheHandOverCannotBeStored_theJobFails_andIsTriedAgainAsAWhole() {
    work.failing = true;

    assertThatThrownBy(() -> processorFailingOn(Set.of("8")).run("7-9")).hasMessageContaining("database away");
    assertThat(planned).containsExactly("7");
  }

  @Test
  void givenUp_eachOfItsNotifications_goesOnAsAJobOfItsOwn() {
    processorFailingOn(Set.of()).giveUp("7-8,10");

    assertThat(work.submitted).extracting(Job::id).containsExactly("7", "8", "10");
    assertThat(work.submitted).extracting(Job::kind).containsOnly(WorkKind.PROCESS_INBOX_EVENT);
    assertThat(planned).isEmpty();
  }

  private InboxBatchProcessor processorFailingOn(Set<String> failing) {
    return new InboxBatchProcessor(id -> {
      if (failing.contains(id)) {
        throw new IllegalStateException("the EHR did not answer");
      }
      planned.add(id);
    }, work, clock);
  }

  record Job(WorkKind kind, String id, Instant at) {}

  static final class RecordingWork implements DeferredWork {
    final List<Job> submitted = new ArrayList<>();
    boolean failing;

    @Override
    public void submit(WorkKind kind, String id, Instant at) {
      if (failing) {
        throw new IllegalStateException("the database away");
      }
      submitted.add(new Job(kind, id, at));
    }

    @Override
    public void withdraw(WorkKind kind, String id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void await(WorkKind kind, String id, Instant until) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void runNow(WorkKind recurring) {
      throw new UnsupportedOperationException();
    }

    @Override
    public void runDueWork() {
      throw new UnsupportedOperationException();
    }
  }
}
