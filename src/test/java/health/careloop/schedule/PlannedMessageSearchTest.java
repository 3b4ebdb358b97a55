package health.careloop.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannedMessageSearchTest {

  private static final Instant DEC_1 = Instant.parse("2026-12-01T00:00:00Z");
  private static final Instant DEC_8 = Instant.parse("2026-12-08T00:00:00Z");

  @Test
  void all_shouldRestrictNothing() {
    PlannedMessageSearch all = PlannedMessageSearch.all();

    assertThat(all.patientIds()).isNull();
    assertThat(all.statuses()).isNull();
    assertThat(all.dueFrom()).isNull();
    assertThat(all.matchesNothing()).isFalse();
  }

  @Test
  void restrictingTwice_shouldKeepWhatBothAllow() {
    PlannedMessageSearch search = PlannedMessageSearch.all()
        .withPatientIn(Set.of("p1", "p2")).withPatientIn(Set.of("p2", "p3"));

    assertThat(search.patientIds()).containsExactly("p2");
    assertThat(search.withPatientIn(Set.of("p1")).matchesNothing()).isTrue();
  }

  @Test
  void dueBounds_shouldKeepTheNarrowestRange() {
    PlannedMessageSearch search = PlannedMessageSearch.all()
        .withDueFrom(DEC_1).withDueFrom(DEC_1.minusSeconds(60))
        .withDueBefore(DEC_8).withDueBefore(DEC_8.plusSeconds(60));

    assertThat(search.dueFrom()).isEqualTo(DEC_1);
    assertThat(search.dueBefore()).isEqualTo(DEC_8);
    assertThat(search.matchesNothing()).isFalse();
    assertThat(search.withDueFrom(DEC_8).matchesNothing()).as("an empty range").isTrue();
  }

  @Test
  void anEmptySetOfStatuses_shouldMatchNothing() {
    assertThat(PlannedMessageSearch.all().withStatusIn(Set.of()).matchesNothing()).isTrue();
  }
}
