package health.careloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.rules.ResourceVersion.Arrival;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResourceVersionTest {

  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  @Test
  void numericVersions_compareAsNumbers_notAsText() {
    assertThat(new ResourceVersion("10", null).isNewerThan(new ResourceVersion("9", null))).isTrue();
    assertThat(new ResourceVersion("9", null).isNewerThan(new ResourceVersion("10", null))).isFalse();
  }

  @Test
  void sameVersion_isNotNewer() {
    assertThat(new ResourceVersion("3", T0).isNewerThan(new ResourceVersion("3", T0))).isFalse();
  }

  @Test
  void opaqueVersions_fallBackToLastUpdated() {
    var older = new ResourceVersion("abc", T0);
    var newer = new ResourceVersion("xyz", T0.plusSeconds(1));
    assertThat(newer.isNewerThan(older)).isTrue();
    assertThat(older.isNewerThan(newer)).isFalse();
  }

  @Test
  void aLaterVersion_isNewer() {
    var held = new ResourceVersion("2", T0);
    assertThat(new ResourceVersion("3", T0.plusSeconds(5)).arrivingAfter(held, false)).isEqualTo(Arrival.NEWER);
    assertThat(new ResourceVersion("3", null).arrivingAfter(held, false)).isEqualTo(Arrival.NEWER);
  }

  @Test
  void anOlderVersionArrivingLate_orTheSameAgain_neverUndoesTheNewerOne() {
    var held = new ResourceVersion("3", T0);
    assertThat(new ResourceVersion("2", T0.minusSeconds(5)).arrivingAfter(held, false)).isEqualTo(Arrival.NOT_NEWER);
    assertThat(new ResourceVersion("3", T0).arrivingAfter(held, false)).isEqualTo(Arrival.NOT_NEWER);
    // Late within a rewritten history too: the inbox had seen a version 2 before, but this one was
    // written before the version 3 CareLoop holds.
    assertThat(new ResourceVersion("2", T0.minusSeconds(5)).arrivingAfter(held, true)).isEqualTo(Arrival.NOT_NEWER);
  }

  @Test
  void anOlderVersionWrittenAfterTheHeldOne_comesFromARewrittenHistory() {
    // The EHR's test environment was reset a day after CareLoop planned from version 3: version 1
    // of the reused id, written now.
    var held = new ResourceVersion("3", T0);
    assertThat(new ResourceVersion("1", T0.plus(Duration.ofDays(1))).arrivingAfter(held, false))
        .isEqualTo(Arrival.REWRITTEN);
  }

  @Test
  void theSameVersionWrittenAtAnotherTime_comesFromARewrittenHistory() {
    var held = new ResourceVersion("3", T0);
    assertThat(new ResourceVersion("3", T0.plus(Duration.ofHours(1))).arrivingAfter(held, false))
        .isEqualTo(Arrival.REWRITTEN);
    assertThat(new ResourceVersion("3", T0.minus(Duration.ofHours(1))).arrivingAfter(held, true))
        .isEqualTo(Arrival.REWRITTEN);
  }

  @Test
  void theSameVersionAndTime_withOtherContent_comesFromARewrittenHistory() {
    var held = new ResourceVersion("3", T0);
    assertThat(new ResourceVersion("3", T0).arrivingAfter(held, true)).isEqualTo(Arrival.REWRITTEN);
  }

  @Test
  void withoutWriteTimes_onlyOtherContentForAVersionSeenBefore_tellsARewrittenHistory() {
    var held = new ResourceVersion("3", null);
    assertThat(new ResourceVersion("1", null).arrivingAfter(held, false)).isEqualTo(Arrival.NOT_NEWER);
    assertThat(new ResourceVersion("1", null).arrivingAfter(held, true)).isEqualTo(Arrival.REWRITTEN);
    assertThat(new ResourceVersion("3", null).arrivingAfter(held, true)).isEqualTo(Arrival.REWRITTEN);
  }
}
