package health.careloop.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessagePacingTest {

  private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

  @Test
  void theFirstSlot_isNow_andEachNextOneSlotAfterTheLast() {
    Instant first = MessagePacing.nextSlot(null, NOW, 20);
    Instant second = MessagePacing.nextSlot(first, NOW, 20);
    Instant third = MessagePacing.nextSlot(second, NOW, 20);

    assertThat(first).isEqualTo(NOW);
    assertThat(Duration.between(first, second)).isEqualTo(Duration.ofSeconds(3));
    assertThat(Duration.between(second, third)).isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void aSlotLongPast_givesNow_notABurstToCatchUpWith() {
    assertThat(MessagePacing.nextSlot(NOW.minus(Duration.ofHours(1)), NOW, 60)).isEqualTo(NOW);
  }

  @Test
  void outsideSpreading_orDueLater_theDueTimeStands_withoutTouchingTheDatabase() {
    MessagePacing pacing = new MessagePacing(null);
    Instant later = NOW.plus(Duration.ofDays(2));

    assertThat(pacing.dueAt(NOW, NOW)).as("a live notification's message").isEqualTo(NOW);
    assertThat(pacing.spreading(60, () -> pacing.dueAt(later, NOW))).as("a reminder ahead").isEqualTo(later);
    assertThat(pacing.dueAt(NOW, NOW)).as("after spreading ended").isEqualTo(NOW);
  }
}
