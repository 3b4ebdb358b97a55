package health.careloop.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.ehr.EhrReferences;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class EncounterParticipantsTest {

  private static final EhrReferences EHR = new EhrReferences("https://ehr.example.org/fhir/");
  private static final String TYPE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

  @Test
  void typesAndIndividuals_areRead_relativeOrAbsoluteOnTheEhr() {
    Encounter encounter = new Encounter();
    encounter.addParticipant().addType(new CodeableConcept(new Coding(TYPE, "ATND", "attender")))
        .setIndividual(new Reference("https://ehr.example.org/fhir/Practitioner/att/_history/3"));
    encounter.addParticipant().addType(new CodeableConcept(new Coding(TYPE, "PPRF", null)).addCoding(new Coding(null, "lead", null)))
        .setIndividual(new Reference("PractitionerRole/pprf"));
    encounter.addParticipant().setIndividual(new Reference("Practitioner/untyped"));

    assertThat(EncounterParticipants.of(encounter, EHR)).containsExactly(
        new EncounterParticipant(List.of(TYPE + "|ATND"), "Practitioner/att"),
        new EncounterParticipant(List.of(TYPE + "|PPRF", "lead"), "PractitionerRole/pprf"),
        new EncounterParticipant(List.of(), "Practitioner/untyped"));
  }

  /** A summary must not go to a namesake: an individual CareLoop cannot read as the EHR's is no one. */
  @Test
  void anIndividualOnAnotherServer_containedOrByIdentifierOnly_isNoOne() {
    Encounter encounter = new Encounter();
    encounter.addParticipant().addType(new CodeableConcept(new Coding(TYPE, "ATND", null)))
        .setIndividual(new Reference("https://other.example.org/fhir/Practitioner/att"));
    encounter.addParticipant().addType(new CodeableConcept(new Coding(TYPE, "ATND", null))).setIndividual(new Reference("#p1"));
    encounter.addParticipant().addType(new CodeableConcept(new Coding(TYPE, "ATND", null)))
        .setIndividual(new Reference().setIdentifier(new Identifier().setSystem("urn:oid:1.2.3").setValue("42")));

    assertThat(EncounterParticipants.of(encounter, EHR)).extracting(EncounterParticipant::individual)
        .containsExactly(null, null, null);
    assertThat(ResponsibleClinicians.of(EncounterParticipants.of(encounter, EHR), ResponsibleCliniciansTest.DEFAULT_TYPES))
        .isEmpty();
  }
}
