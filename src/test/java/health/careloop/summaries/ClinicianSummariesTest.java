package health.careloop.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.summaries.OpenWork.OpenTask;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The entry point, over an open-work source that answers what the EHR would (ClinicianSummaryIT reads a real one). */
class ClinicianSummariesTest {

  private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
  private static final String TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType|";
  private static final OpenWork ONE_TASK = new OpenWork(
      List.of(new OpenTask("Task/t1", "Review medication", "ready", null, null, false)), List.of(), List.of(), List.of(), true);
  private static final OpenWork NOTHING = new OpenWork(List.of(), List.of(), List.of(), List.of(), true);

  private final List<String> readFor = new ArrayList<>();

  private ClinicianSummaries summaries(OpenWork work) {
    return new ClinicianSummaries((patientId, now) -> {
      readFor.add(patientId + "@" + now);
      return work;
    }, new ClinicianSummary(ZoneOffset.UTC, 3, false), ResponsibleCliniciansTest.DEFAULT_TYPES);
  }

  @Test
  void openWork_makesADraft_forTheResponsibleClinicians() {
    List<EncounterParticipant> participants = List.of(
        new EncounterParticipant(List.of(TYPE + "ATND"), "Practitioner/att"),
        new EncounterParticipant(List.of(TYPE + "CON"), "Practitioner/consultant"));

    SummaryDraft draft = summaries(ONE_TASK).summarise("e1", "p1", participants, NOW).orElseThrow();

    assertThat(draft.encounterId()).isEqualTo("e1");
    assertThat(draft.patientId()).isEqualTo("p1");
    assertThat(draft.recipients()).containsExactly("Practitioner/att");
    assertThat(draft.content().about()).containsExactly("Task/t1");
    assertThat(readFor).containsExactly("p1@" + NOW);
  }

  @Test
  void nobodyResponsible_isNoSummary_withoutReadingTheEhr() {
    List<EncounterParticipant> participants = List.of(new EncounterParticipant(List.of(TYPE + "ATND"), "RelatedPerson/mother"));

    assertThat(summaries(ONE_TASK).summarise("e1", "p1", participants, NOW)).isEmpty();
    assertThat(readFor).isEmpty();
  }

  @Test
  void nothingOpen_isNoSummary() {
    List<EncounterParticipant> participants = List.of(new EncounterParticipant(List.of(TYPE + "PPRF"), "Practitioner/p"));

    assertThat(summaries(NOTHING).summarise("e1", "p1", participants, NOW)).isEmpty();
  }
}
