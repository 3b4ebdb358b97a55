package health.careloop.summaries;

import health.careloop.ehr.EhrReferences;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterParticipantComponent;

/**
 * An Encounter's participants as records, for {@link ResponsibleClinicians}. An individual CareLoop
 * cannot read as the EHR's own (contained, by identifier only, on another server: its
 * Practitioner/7 is not the EHR's) is no one: a summary must not go to a namesake.
 */
public final class EncounterParticipants {

  private EncounterParticipants() {}

  public static List<EncounterParticipant> of(Encounter encounter, EhrReferences ehr) {
    List<EncounterParticipant> participants = new ArrayList<>();
    for (EncounterParticipantComponent participant : encounter.getParticipant()) {
      List<String> types = participant.getType().stream().flatMap(type -> type.getCoding().stream())
          .filter(Coding::hasCode).map(EncounterParticipants::systemAndCode).toList();
      participants.add(new EncounterParticipant(types, individual(participant, ehr)));
    }
    return participants;
  }

  private static String individual(EncounterParticipantComponent participant, EhrReferences ehr) {
    return ehr.relativeInEhr(participant.getIndividual().getReference());
  }

  private static String systemAndCode(Coding coding) {
    return coding.hasSystem() ? coding.getSystem() + "|" + coding.getCode() : coding.getCode();
  }
}
