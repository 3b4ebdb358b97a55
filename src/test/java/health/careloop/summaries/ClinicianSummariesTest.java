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

  /** What the told_item table does, in memory. */
  private static final class Remembered implements ToldItems {
    final java.util.Map<String, java.util.Map<String, RepeatBudget.Told>> byRecipient = new java.util.HashMap<>();

    @Override
    public java.util.Map<String, RepeatBudget.Told> toldTo(String recipient, Instant since) {
      java.util.Map<String, RepeatBudget.Told> told = new java.util.HashMap<>();
      byRecipient.getOrDefault(recipient, java.util.Map.of()).forEach((item, t) -> {
        if (t.at().isAfter(since)) {
          told.put(item, t);
        }
      });
      return told;
    }

    @Override
    public void record(String recipient, java.util.Collection<RepeatBudget.Item> items, String message, Instant at,
        Instant forgetBefore) {
      items.forEach(i -> byRecipient.computeIfAbsent(recipient, r -> new java.util.HashMap<>())
          .put(i.reference(), new RepeatBudget.Told(at, i.overdue())));
    }
  }

  @Test
  void theSameItem_isNotRepeatedToTheSameClinician_withinTheWindow_butIsToAnother_andAfterTheWindow() {
    Remembered told = new Remembered();
    OpenWork overdueTask = new OpenWork(List.of(new OpenTask("Task/t1", "Call back", "ready", null,
        NOW.minusSeconds(3600), true)), List.of(), List.of(), List.of(), true);
    ClinicianSummaries withBudget = new ClinicianSummaries((patientId, now) -> overdueTask,
        new ClinicianSummary(ZoneOffset.UTC, 3, false), ResponsibleCliniciansTest.DEFAULT_TYPES,
        new RepeatBudget(java.time.Duration.ofDays(7)), told);
    List<EncounterParticipant> both = List.of(new EncounterParticipant(List.of(TYPE + "PPRF"), "Practitioner/a"),
        new EncounterParticipant(List.of(TYPE + "ATND"), "Practitioner/b"));

    ClinicianSummaries.ForClinician first = withBudget.summariseFor("e1", "p1", both, "Practitioner/a", NOW);
    assertThat(first.draft()).isPresent();
    withBudget.told("Practitioner/a", first.items(), "key-1", NOW);

    ClinicianSummaries.ForClinician second = withBudget.summariseFor("e2", "p1", both, "Practitioner/a",
        NOW.plus(java.time.Duration.ofDays(6)));
    assertThat(second.draft()).isEmpty();
    assertThat(second.notRepeated()).containsExactly("Task/t1");
    assertThat(second.whyNone()).contains("nothing new for Practitioner/a").contains("Task/t1").contains("7 days");

    assertThat(withBudget.summariseFor("e2", "p1", both, "Practitioner/b", NOW.plus(java.time.Duration.ofDays(6)))
        .draft()).isPresent();
    ClinicianSummaries.ForClinician later = withBudget.summariseFor("e3", "p1", both, "Practitioner/a",
        NOW.plus(java.time.Duration.ofDays(7)).plusSeconds(1));
    assertThat(later.draft()).isPresent();
    assertThat(later.notRepeated()).isEmpty();
  }

  @Test
  void aSummaryWithSomeItemsLeftOut_namesThemOnOneLine_andInTheNote() {
    Remembered told = new Remembered();
    told.record("Practitioner/a", List.of(new RepeatBudget.Item("Task/old", false)), "key-0", NOW.minusSeconds(60), NOW);
    OpenWork work = new OpenWork(List.of(new OpenTask("Task/old", "Old", "ready", null, null, false),
        new OpenTask("Task/new", "New", "ready", null, NOW.minusSeconds(60), true)), List.of(), List.of(), List.of(), true);
    ClinicianSummaries withBudget = new ClinicianSummaries((patientId, now) -> work,
        new ClinicianSummary(ZoneOffset.UTC, 3, false), ResponsibleCliniciansTest.DEFAULT_TYPES,
        new RepeatBudget(java.time.Duration.ofDays(7)), told);

    ClinicianSummaries.ForClinician summary = withBudget.summariseFor("e1", "p1",
        List.of(new EncounterParticipant(List.of(TYPE + "PPRF"), "Practitioner/a")), "Practitioner/a", NOW);

    SummaryContent content = summary.draft().orElseThrow().content();
    assertThat(content.about()).containsExactly("Task/new");
    assertThat(content.text()).endsWith("Still open, told to you in the last 7 days, not repeated: [Task/old]");
    assertThat(summary.items()).containsExactly(new RepeatBudget.Item("Task/new", true));
    assertThat(summary.notRepeatedNote(withBudget.budget())).contains("Task/old").contains("repeat-after");
  }
}
