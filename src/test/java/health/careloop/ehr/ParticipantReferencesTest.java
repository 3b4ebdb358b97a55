package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class ParticipantReferencesTest {

  private static final EhrReferences EHR = new EhrReferences("https://ehr.example.org/fhir/");

  @Test
  void relativeAndAbsoluteOnTheEhr_andContained_areFine() {
    assertThat(ParticipantReferences.problem(with("Patient/p1", "https://ehr.example.org/fhir/Location/l1", "#x"), EHR))
        .isEmpty();
  }

  @Test
  void aParticipantOnAnotherServer_isAProblem_namingIt() {
    assertThat(ParticipantReferences.problem(with("Patient/p1", "https://other.example/fhir/Patient/p1"), EHR))
        .hasValueSatisfying(problem -> assertThat(problem)
            .contains("participant[1]", "https://other.example/fhir/Patient/p1", "another server"));
  }

  @Test
  void aReferenceWithoutAnId_isAProblem() {
    assertThat(ParticipantReferences.problem(with("Patient/"), EHR)).hasValueSatisfying(problem ->
        assertThat(problem).contains("participant[0]", "names no"));
  }

  private static Appointment with(String... references) {
    Appointment appointment = new Appointment();
    for (String reference : references) {
      appointment.addParticipant().setActor(new Reference(reference));
    }
    return appointment;
  }
}
