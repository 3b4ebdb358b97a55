package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class InboxBatchesTest {

  @Test
  void consecutiveIds_areOneRange_ofAtMost32Events() {
    List<Long> ids = LongStream.rangeClosed(1001, 1040).boxed().toList();

    assertThat(InboxBatches.jobIds(ids)).containsExactly("1001-1032", "1033-1040");
  }

  @Test
  void idsWithGaps_areRangesAndSingleIds_inTheirOrder() {
    assertThat(InboxBatches.jobIds(List.of(1L, 2L, 3L, 7L, 9L, 10L))).containsExactly("1-3,7,9-10");
    assertThat(InboxBatches.jobIds(List.of(5L))).containsExactly("5");
    assertThat(InboxBatches.jobIds(List.of())).isEmpty();
  }

  @Test
  void aJobsId_fitsTheSchedulersColumn_evenForLongIdsFarApart() {
    List<Long> ids = LongStream.range(0, 32).map(i -> 1_000_000_000_000_000L + 2 * i).boxed().toList();

    List<String> jobs = InboxBatches.jobIds(ids);

    assertThat(jobs).hasSizeGreaterThan(1).allSatisfy(job -> assertThat(job).hasSizeLessThanOrEqualTo(200));
    assertThat(jobs.stream().flatMap(job -> InboxBatches.eventIds(job).stream()).toList()).isEqualTo(ids);
  }

  @Test
  void everyEvent_isInExactlyOneJob_inItsOrder_andNoJobHoldsMoreThan32() {
    Random random = new Random(20261201);
    for (int run = 0; run < 500; run++) {
      List<Long> ids = new ArrayList<>();
      long next = 1 + random.nextInt(1_000_000);
      for (int i = 0, size = 1 + random.nextInt(600); i < size; i++) {
        ids.add(next);
        next += random.nextInt(10) < 8 ? 1 : 2 + random.nextInt(1_000);
      }

      List<String> jobs = InboxBatches.jobIds(ids);

      assertThat(jobs.stream().flatMap(job -> InboxBatches.eventIds(job).stream()).toList()).isEqualTo(ids);
      assertThat(jobs).allSatisfy(job -> {
        assertThat(InboxBatches.eventIds(job)).hasSizeLessThanOrEqualTo(InboxBatches.MOST_EVENTS_PER_JOB);
        assertThat(job).hasSizeLessThanOrEqualTo(InboxBatches.LONGEST_JOB_ID);
      });
      assertThat(jobs).hasSizeLessThanOrEqualTo(ids.size() / InboxBatches.MOST_EVENTS_PER_JOB + countGaps(ids) + 1);
    }
  }

  @Test
  void anIdItDidNotMake_isRefused() {
    for (String notOne : List.of("", "a", "5-3", "1-40", "1,,2", "-5", "1-")) {
      assertThatThrownBy(() -> InboxBatches.eventIds(notOne)).as(notOne).isInstanceOf(IllegalArgumentException.class);
    }
  }

  private static int countGaps(List<Long> ids) {
    int gaps = 0;
    for (int i = 1; i < ids.size(); i++) {
      if (ids.get(i) != ids.get(i - 1) + 1) {
        gaps++;
      }
    }
    return gaps;
  }
}
