package health.careloop.summaries.digest;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.CareLoopFhir;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.summaries.SummaryContent;
import health.careloop.summaries.SummaryPriority;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationPriority;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class ClinicianDigestTranslatorTest {

  private static final LocalDate DAY = LocalDate.of(2026, 12, 7);
  private static final Instant SENT = Instant.parse("2026-12-07T07:00:01Z");
  private static final SummaryContent CONTENT = new SummaryContent("Your patients on ...", SummaryPriority.URGENT,
      List.of("Appointment/a1", "ServiceRequest/r1", "Appointment/a2", "Task/t1"));

  private final Communication digest = ClinicianDigestTranslator.toCommunication("PractitionerRole/9", DAY, CONTENT, SENT);

  @Test
  void oneDigest_perClinicianAndDay_isValidAgainstItsProfile() {
    assertThat(digest.getIdentifierFirstRep().getSystem()).isEqualTo(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM);
    assertThat(digest.getIdentifierFirstRep().getValue()).isEqualTo("Digest/PractitionerRole/9/2026-12-07");
    assertThat(ClinicianDigestTranslator.toCommunication("PractitionerRole/9", DAY, CONTENT, SENT.plusSeconds(900))
        .getIdentifierFirstRep().getValue()).as("a retry later the same day").isEqualTo("Digest/PractitionerRole/9/2026-12-07");
    assertThat(digest.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(CareLoopFhir.CLINICIAN_DIGEST_PROFILE);
    assertThat(digest.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("clinician-digest");
    assertThat(digest.getPriority()).isEqualTo(CommunicationPriority.URGENT);
    assertThat(digest.getRecipient()).extracting(Reference::getReference).containsExactly("PractitionerRole/9");
    assertThat(digest.getAbout()).extracting(Reference::getReference)
        .containsExactly("Appointment/a1", "ServiceRequest/r1", "Appointment/a2", "Task/t1");
    assertThat(digest.hasSubject()).as("it spans patients").isFalse();
    assertThat(digest.hasEncounter()).isFalse();
    assertThat(digest.getMedium()).isEmpty();
    assertThat(CareLoopProfileValidator.get().errors(digest)).isEmpty();
  }

  @Test
  void theProfile_refusesASubject_aMedium_aPatientRecipient_orNoAppointment() {
    Communication withSubject = digest.copy().setSubject(new Reference("Patient/1"));
    assertThat(CareLoopProfileValidator.get().errors(withSubject)).isNotEmpty();
    Communication withMedium = digest.copy();
    withMedium.addMedium().addCoding().setSystem("http://terminology.hl7.org/CodeSystem/v3-ParticipationMode").setCode("SMSWRIT");
    assertThat(CareLoopProfileValidator.get().errors(withMedium)).isNotEmpty();
    Communication toPatient = digest.copy();
    toPatient.getRecipient().clear();
    toPatient.addRecipient(new Reference("Patient/1"));
    assertThat(CareLoopProfileValidator.get().errors(toPatient)).isNotEmpty();
    Communication noAppointment = ClinicianDigestTranslator.toCommunication("Practitioner/9", DAY,
        new SummaryContent("x", SummaryPriority.ROUTINE, List.of("Task/t1")), SENT);
    assertThat(CareLoopProfileValidator.get().errors(noAppointment)).isNotEmpty();
  }
}
