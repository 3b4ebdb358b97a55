package health.careloop.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResponsibleCliniciansTest {

  static final String TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType|";
  static final List<String> DEFAULT_TYPES = List.of(TYPE + "PPRF", TYPE + "ATND");

  @Test
  void primaryPerformerAndAttender_areResponsible_eachOnce_inTheEncountersOrder() {
    List<EncounterParticipant> participants = List.of(
        new EncounterParticipant(List.of(TYPE + "ATND"), "Practitioner/att"),
        new EncounterParticipant(List.of(TYPE + "CON"), "Practitioner/consultant"),
        new EncounterParticipant(List.of(TYPE + "PPRF"), "PractitionerRole/pprf"),
        new EncounterParticipant(List.of(TYPE + "PPRF", TYPE + "ATND"), "Practitioner/att"),
        new EncounterParticipant(List.of(), "Practitioner/untyped"));

    assertThat(ResponsibleClinicians.of(participants, DEFAULT_TYPES))
        .containsExactly("Practitioner/att", "PractitionerRole/pprf");
  }

  @Test
  void aRelatedPerson_isNeverARecipient_whateverItsType() {
    List<EncounterParticipant> participants = List.of(
        new EncounterParticipant(List.of(TYPE + "ATND"), "RelatedPerson/mother"),
        new EncounterParticipant(List.of(), "RelatedPerson/father"));

    assertThat(ResponsibleClinicians.of(participants, DEFAULT_TYPES)).isEmpty();
  }

  @Test
  void noParticipantOfTheTypes_fallsBackToUntypedClinicians_neverToOtherTypes() {
    List<EncounterParticipant> participants = List.of(
        new EncounterParticipant(List.of(TYPE + "CON"), "Practitioner/consultant"),
        new EncounterParticipant(List.of(TYPE + "REF"), "Practitioner/referrer"),
        new EncounterParticipant(List.of(), "Practitioner/seen-by"),
        new EncounterParticipant(List.of(), "RelatedPerson/sister"),
        new EncounterParticipant(List.of(), null));

    assertThat(ResponsibleClinicians.of(participants, DEFAULT_TYPES)).containsExactly("Practitioner/seen-by");
  }

  @Test
  void onlyOtherTypes_isNobody() {
    assertThat(ResponsibleClinicians.of(List.of(new EncounterParticipant(List.of(TYPE + "CON"), "Practitioner/c")),
        DEFAULT_TYPES)).isEmpty();
    assertThat(ResponsibleClinicians.of(List.of(), DEFAULT_TYPES)).isEmpty();
  }

  @Test
  void configuredTypes_replaceTheDefault_andABareCodeMatchesInAnySystem() {
    List<EncounterParticipant> participants = List.of(
        new EncounterParticipant(List.of(TYPE + "ATND"), "Practitioner/att"),
        new EncounterParticipant(List.of("https://hospital.example.org/roles|lead"), "Practitioner/lead"));

    assertThat(ResponsibleClinicians.of(participants, List.of("lead"))).containsExactly("Practitioner/lead");
  }
}
