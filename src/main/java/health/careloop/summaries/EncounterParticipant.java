package health.careloop.summaries;

import java.util.List;

/**
 * One of an Encounter's {@code participant}s, as {@link EncounterParticipants} reads it.
 *
 * @param types its {@code type} codings as {@code system|code} (a bare code when the coding has no system); empty when untyped
 * @param individual {@code Type/id} of {@code participant.individual} (Practitioner, PractitionerRole or
 *     RelatedPerson); null when there is none or it is not a plain reference to the EHR
 */
public record EncounterParticipant(List<String> types, String individual) {

  public EncounterParticipant {
    types = List.copyOf(types);
  }
}
