package health.careloop.intake.internal;

import static health.careloop.intake.internal.EventNumbers.Verdict.GAP;
import static health.careloop.intake.internal.EventNumbers.Verdict.IN_ORDER;
import static health.careloop.intake.internal.EventNumbers.Verdict.REPEATED;
import static health.careloop.intake.internal.EventNumbers.Verdict.RESET;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class EventNumbersTest {

  private static final OptionalLong NONE = OptionalLong.empty();

  @Test
  void theNextNumber_isInOrder_andRemembered() {
    assertThat(EventNumbers.judge(OptionalLong.of(4), 5, 5, false)).isEqualTo(IN_ORDER);
    assertThat(EventNumbers.lastAfter(OptionalLong.of(4), 5, IN_ORDER)).isEqualTo(5);
    assertThat(EventNumbers.judge(OptionalLong.of(4), 5, 7, false)).isEqualTo(IN_ORDER);
  }

  @Test
  void aJump_isAGap() {
    assertThat(EventNumbers.judge(OptionalLong.of(4), 7, 7, false)).isEqualTo(GAP);
    assertThat(EventNumbers.lastAfter(OptionalLong.of(4), 7, GAP)).isEqualTo(7);
  }

  @Test
  void aLowerNumber_isACounterStartedAgain_andCountingStartsAgainFromIt() {
    assertThat(EventNumbers.judge(OptionalLong.of(40), 1, 1, false)).isEqualTo(RESET);
    assertThat(EventNumbers.lastAfter(OptionalLong.of(40), 1, RESET)).isEqualTo(1);
  }

  @Test
  void theSameNumberAgain_isARetry_andChangesNothing() {
    assertThat(EventNumbers.judge(OptionalLong.of(4), 4, 4, false)).isEqualTo(REPEATED);
    assertThat(EventNumbers.lastAfter(OptionalLong.of(4), 4, REPEATED)).isEqualTo(4);
    assertThat(EventNumbers.judge(OptionalLong.of(4), 3, 4, false)).isEqualTo(REPEATED);
  }

  @Test
  void theFirstEventHeard_isInOrderOnlyIfItIsTheSubscriptionsFirst() {
    assertThat(EventNumbers.judge(NONE, 1, 1, false)).isEqualTo(IN_ORDER);
    assertThat(EventNumbers.judge(NONE, 3, 3, false)).isEqualTo(GAP);
  }

  @Test
  void aHeartbeatsCount_equalToTheLastIsInOrder_higherIsAGap_lowerIsAReset() {
    assertThat(EventNumbers.judge(NONE, 0, 0, true)).isEqualTo(IN_ORDER);
    assertThat(EventNumbers.judge(NONE, 2, 2, true)).isEqualTo(GAP);
    assertThat(EventNumbers.judge(OptionalLong.of(5), 5, 5, true)).isEqualTo(IN_ORDER);
    assertThat(EventNumbers.judge(OptionalLong.of(5), 8, 8, true)).isEqualTo(GAP);
    assertThat(EventNumbers.judge(OptionalLong.of(5), 0, 0, true)).isEqualTo(RESET);
  }
}
