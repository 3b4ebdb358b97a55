package health.careloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SurgeryUpdatesTest {

  static final List<String> SURGICAL = List.of("http://snomed.info/sct|387713003");

  static EncounterSnapshot encounter(String status, String... types) {
    return new EncounterSnapshot("e1", new ResourceVersion("1", Instant.parse("2026-11-30T10:00:00Z")), status, "p1",
        "IMP", List.of(types), List.of(), List.of(), null, List.of(), null, List.of());
  }

  @Test
  void aSurgicalEncounter_isToldAboutWhenUnderWayAndWhenOver_only() {
    assertThat(SurgeryUpdates.moment(encounter("in-progress", "http://snomed.info/sct|387713003"), SURGICAL))
        .contains(SurgeryUpdates.STARTED);
    assertThat(SurgeryUpdates.moment(encounter("finished", "http://snomed.info/sct|387713003"), SURGICAL))
        .contains(SurgeryUpdates.OVER);
    assertThat(SurgeryUpdates.moment(encounter("planned", "http://snomed.info/sct|387713003"), SURGICAL)).isEmpty();
    assertThat(SurgeryUpdates.moment(encounter("cancelled", "http://snomed.info/sct|387713003"), SURGICAL)).isEmpty();
  }

  @Test
  void aNonSurgicalEncounter_isNeverToldAbout() {
    assertThat(SurgeryUpdates.moment(encounter("in-progress", "http://snomed.info/sct|185349003"), SURGICAL)).isEmpty();
    assertThat(SurgeryUpdates.moment(encounter("finished"), SURGICAL)).isEmpty();
  }

  @Test
  void eachUpdatesKey_namesTheEncounterThePersonAndTheMoment_andGivesTheMomentBack() {
    String started = SurgeryUpdates.key("e1", "p1", "RelatedPerson/9", SurgeryUpdates.STARTED);
    String over = SurgeryUpdates.key("e1", "p1", "RelatedPerson/9", SurgeryUpdates.OVER);
    assertThat(started).isEqualTo("Encounter/e1:Patient/p1:to:RelatedPerson/9:surgery-update:in-progress");
    assertThat(started).isNotEqualTo(over).isNotEqualTo(SurgeryUpdates.key("e1", "p1", "RelatedPerson/8", "in-progress"));
    assertThat(SurgeryUpdates.momentOf(started)).contains("in-progress");
    assertThat(SurgeryUpdates.momentOf(over)).contains("finished");
    assertThat(SurgeryUpdates.momentOf("Encounter/e1:Patient/p1:followup:none")).isEmpty();
  }
}
