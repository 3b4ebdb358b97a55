package health.careloop.summaries;

import health.careloop.rules.CodeMatch;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Who a clinician summary goes to: the Encounter's participants of the configured types
 * ({@code careloop.summaries.participant-types}, by default the primary performer and the attender).
 * Pure.
 *
 * <p>Only a Practitioner or a PractitionerRole can receive one: a RelatedPerson participant (a
 * relative, an interpreter brought by the family) never does, whatever its type, as the summary is
 * clinical and not for the patient's side.
 *
 * <p>When no participant has one of those types, the summary goes to the participants that have no
 * type at all: many EHRs record the clinician of a visit without a type, and a summary to the
 * clinician who saw the patient beats overdue work nobody hears of. A participant whose type is
 * another (a consultant, a referrer, a student) is never a fallback: the EHR says they are not
 * responsible. When there is still nobody, the list is empty and no summary is written.
 */
public final class ResponsibleClinicians {

  private static final Set<String> CLINICIANS = Set.of("Practitioner", "PractitionerRole");

  private ResponsibleClinicians() {}

  /** {@code Practitioner/<id>} or {@code PractitionerRole/<id>}, each once, in the Encounter's order. */
  public static List<String> of(List<EncounterParticipant> participants, List<String> responsibleTypes) {
    List<String> typed = clinicians(participants.stream()
        .filter(p -> CodeMatch.anyMatches(responsibleTypes, p.types())).toList());
    if (!typed.isEmpty()) {
      return typed;
    }
    return clinicians(participants.stream().filter(p -> p.types().isEmpty()).toList());
  }

  private static List<String> clinicians(List<EncounterParticipant> participants) {
    Set<String> references = new LinkedHashSet<>();
    for (EncounterParticipant participant : participants) {
      String individual = participant.individual();
      if (individual != null && CLINICIANS.contains(individual.substring(0, Math.max(individual.indexOf('/'), 0)))) {
        references.add(individual);
      }
    }
    return new ArrayList<>(references);
  }
}
