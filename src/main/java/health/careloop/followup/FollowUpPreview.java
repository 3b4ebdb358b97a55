package health.careloop.followup;

import health.careloop.followup.internal.FollowUpDecisions;
import health.careloop.followup.internal.FollowUpDecisions.Decision;
import health.careloop.rules.EncounterSnapshot;
import health.careloop.schedule.MessageDraft;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * The follow-ups a visit would get now, and why, computed as for a real notification of it (as if
 * it had just finished and nothing had been sent about it yet) and written nowhere.
 */
@Component
public class FollowUpPreview {

  private final FollowUpDecisions decisions;
  private final Clock clock;

  FollowUpPreview(FollowUpDecisions decisions, Clock clock) {
    this.decisions = decisions;
    this.clock = clock;
  }

  /**
   * @param wanted the messages that would be planned
   * @param notes why: each chosen item and the visit code that matched which of its ValueSets, items
   *     left out and messages not planned with the reason, or why the visit gets nothing
   */
  public record Preview(List<MessageDraft> wanted, List<String> notes) {
    public Preview {
      wanted = List.copyOf(wanted);
      notes = List.copyOf(notes);
    }
  }

  /** @param inEhr false for a visit given inline without an id (its Procedures cannot be read) */
  public Preview preview(EncounterSnapshot encounter, boolean inEhr) {
    if (!encounter.isFinished()) {
      return new Preview(List.of(), List.of("the visit is " + encounter.status()
          + ": follow-ups are planned when the EHR marks it finished"));
    }
    if (encounter.patientId() == null) {
      return new Preview(List.of(), List.of("the visit has no Patient as its subject: no follow-up"));
    }
    Instant now = clock.instant();
    Decision decision = decisions.decide(encounter, inEhr, List.of(), now);
    if (decision instanceof Decision.NoFollowUp none) {
      return new Preview(List.of(), List.of(none.reason()));
    }
    Decision.FollowUps followUps = (Decision.FollowUps) decision;
    List<String> notes = new ArrayList<>();
    for (Selection.SelectedItem selected : followUps.selection().items()) {
      selected.why().forEach(match -> notes.add(selected.item().url() + " chosen: the visit's "
          + match.kind().name().toLowerCase(Locale.ROOT) + " code " + match.code() + " is in " + match.valueSetUrl()
          + (match.listedCode().equals(match.code().code()) ? "" : " (as " + match.listedCode() + ")")));
      selected.draftReason().ifPresent(why -> notes.add(selected.item().url() + " is draft content: " + why));
    }
    followUps.selection().leftOut().forEach(left -> notes.add(left.item().url() + " left out: " + left.reason()));
    followUps.plan().notPlanned().forEach(not -> notes.add(String.join(", ", not.draft().content())
        + " not planned: " + not.reason()));
    if (followUps.selection().items().isEmpty()) {
      notes.add("no item of the content library matches the visit's codes");
    }
    if (!inEhr) {
      notes.add("the visit was given without an id: its Procedures in the EHR were not read");
    }
    return new Preview(followUps.plan().wanted(), notes);
  }
}
