package health.careloop.summaries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import health.careloop.CareLoopFhir;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationPriority;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class ClinicianSummaryTranslatorTest {

  private static final Instant SENT = Instant.parse("2026-12-10T12:00:00Z");
  static final SummaryDraft DRAFT = new SummaryDraft("e1", "p1", List.of("Practitioner/att", "PractitionerRole/pprf"),
      new SummaryContent("Open work for this patient: 1 overdue, 1 not overdue.\nOverdue:\n- ...",
          SummaryPriority.URGENT, List.of("ServiceRequest/r1", "Task/t1", "Appointment/a1")));

  private final Communication communication = ClinicianSummaryTranslator.toCommunication(DRAFT, "PractitionerRole/pprf", SENT);

  @Test
  void eachRecipient_getsTheirOwnCommunication_withADeterministicKey() {
    List<Communication> all = ClinicianSummaryTranslator.toCommunications(DRAFT, SENT);

    assertThat(all).extracting(c -> c.getIdentifierFirstRep().getValue()).containsExactly(
        "Encounter/e1:clinician-task-summary:to:Practitioner/att",
        "Encounter/e1:clinician-task-summary:to:PractitionerRole/pprf");
    assertThat(all).extracting(c -> c.getRecipient().size()).containsExactly(1, 1);
    assertThat(all.get(0).getRecipientFirstRep().getReference()).isEqualTo("Practitioner/att");
    assertThat(communication.getIdentifierFirstRep().getSystem()).isEqualTo(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM);
    assertThat(ClinicianSummaryTranslator.toCommunication(DRAFT, "PractitionerRole/pprf", SENT.plusSeconds(60))
        .getIdentifierFirstRep().getValue()).isEqualTo(communication.getIdentifierFirstRep().getValue());
  }

  @Test
  void isAboutTheEncounterAndEverythingItLists_forThePatient_fromCareLoop() {
    assertThat(communication.getEncounter().getReference()).isEqualTo("Encounter/e1");
    assertThat(communication.getAbout()).extracting(Reference::getReference)
        .containsExactly("Encounter/e1", "ServiceRequest/r1", "Task/t1", "Appointment/a1");
    assertThat(communication.getSubject().getReference()).isEqualTo("Patient/p1");
    assertThat(communication.getSender().getIdentifier().getValue()).isEqualTo("careloop");
    assertThat(communication.getStatus()).isEqualTo(CommunicationStatus.COMPLETED);
    assertThat(communication.getSent()).isEqualTo(Date.from(SENT));
    assertThat(communication.getPriority()).isEqualTo(CommunicationPriority.URGENT);
    assertThat(communication.getPayloadFirstRep().getContentStringType().getValue()).isEqualTo(DRAFT.content().text());
    assertThat(communication.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("clinician-task-summary");
    assertThat(communication.getLanguage()).isEqualTo("en");
  }

  @Test
  void namesNoMedium_soItIsNeverTakenForAPatientChannel() {
    assertThat(communication.hasMedium()).isFalse();
  }

  @Test
  void aRecipientNotInTheDraft_isRefused() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ClinicianSummaryTranslator.toCommunication(DRAFT, "Patient/p1", SENT));
  }

  @Test
  void conformsToTheClinicianSummaryProfile() {
    assertThat(communication.getMeta().hasProfile(CareLoopFhir.CLINICIAN_SUMMARY_PROFILE)).isTrue();
    CareLoopProfileValidator.get().assertValid(communication);
    ClinicianSummaryTranslator.toCommunications(DRAFT, SENT).forEach(CareLoopProfileValidator.get()::assertValid);
  }

  @Test
  void theProfile_refusesAPatientOrRelatedPersonAsRecipient() {
    Communication toPatient = communication.copy();
    toPatient.getRecipientFirstRep().setReference("Patient/p1");
    Communication toRelative = communication.copy();
    toRelative.getRecipientFirstRep().setReference("RelatedPerson/r1");

    assertThat(CareLoopProfileValidator.get().errors(toPatient)).anySatisfy(e -> assertThat(e).contains("Communication.recipient"));
    assertThat(CareLoopProfileValidator.get().errors(toRelative)).anySatisfy(e -> assertThat(e).contains("Communication.recipient"));
  }

  @Test
  void theProfile_refusesAnyMedium_evenThePortal() {
    Communication withMedium = communication.copy();
    withMedium.addMedium(new CodeableConcept(
        new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationMode", "ONLINEWRIT", "online written")));

    assertThat(CareLoopProfileValidator.get().errors(withMedium)).anySatisfy(e -> assertThat(e).contains("Communication.medium"));
  }

  @Test
  void theProfile_requiresTheEncounter_amongWhatItIsAbout() {
    Communication noEncounter = communication.copy();
    noEncounter.setEncounter(null);
    Communication encounterNotAbout = communication.copy();
    encounterNotAbout.getAbout().remove(0);

    assertThat(CareLoopProfileValidator.get().errors(noEncounter)).anySatisfy(e -> assertThat(e).contains("Communication.encounter"));
    assertThat(CareLoopProfileValidator.get().errors(encounterNotAbout)).anySatisfy(e -> assertThat(e).contains("careloop-cs-1"));
  }

  @Test
  void theProfile_fixesTheCategory_toTheClinicianTaskSummary() {
    Communication reminder = communication.copy();
    reminder.getCategoryFirstRep().getCodingFirstRep().setCode("appointment-reminder").setDisplay("Appointment reminder");

    assertThat(CareLoopProfileValidator.get().errors(reminder)).anySatisfy(e -> assertThat(e).contains("Communication.category"));
  }
}
