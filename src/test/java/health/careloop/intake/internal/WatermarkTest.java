package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WatermarkTest {

  private static final Instant WATERMARK = Instant.parse("2026-11-29T10:00:00Z");

  @Test
  void aCatchUpSearchesFromTheWatermarkLessTheOverlap() {
    assertThat(Watermark.searchFrom(WATERMARK, Duration.ofMinutes(5))).isEqualTo(Instant.parse("2026-11-29T09:55:00Z"));
    assertThat(Watermark.searchFrom(WATERMARK, Duration.ZERO)).isEqualTo(WATERMARK);
  }

  @Test
  void theWatermarkMovesToTheGreatestLastUpdatedStored_whateverTheirOrder() {
    Instant later = WATERMARK.plusSeconds(90);
    assertThat(Watermark.advance(WATERMARK, List.of(WATERMARK.plusSeconds(30), later, WATERMARK.plusSeconds(10))))
        .contains(later);
  }

  @Test
  void theWatermarkNeverMovesBack_forWhatTheOverlapFoundAgain() {
    assertThat(Watermark.advance(WATERMARK, List.of(WATERMARK.minusSeconds(200), WATERMARK.minusSeconds(1))))
        .contains(WATERMARK);
    assertThat(Watermark.advance(WATERMARK, List.of())).contains(WATERMARK);
  }

  @Test
  void withoutAWatermark_thePageSetsIt_andAnEmptyPageSetsNothing() {
    assertThat(Watermark.advance(null, Arrays.asList(WATERMARK, null))).contains(WATERMARK);
    assertThat(Watermark.advance(null, List.of())).isEmpty();
  }

  @Test
  void inAQuery_anInstantIsWholeSeconds_roundedDown() {
    assertThat(Watermark.inQuery(Instant.parse("2026-11-29T09:55:00.987654321Z"))).isEqualTo("2026-11-29T09:55:00Z");
  }
}
