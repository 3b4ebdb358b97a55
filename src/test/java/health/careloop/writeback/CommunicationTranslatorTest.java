package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.CareLoopFhir;
import health.careloop.compose.RenderedMessage;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.rules.Guardian;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.junit.jupiter.api.Test;

class CommunicationTranslatorTest {

  private static final Instant START = Instant.parse("2026-12-10T09:30:00Z");
  private static final Instant SENT = Instant.parse("2026-12-08T09:30:00Z");
  private static final DueMessage MESSAGE = new DueMessage("pm-1",
      "Appointment/a1:Patient/p1:reminder-PT48H:2026-12-10T09:30:00Z", MessageKind.APPOINTMENT_REMINDER,
      "a1", "p1", START, SENT, null, false, null);
  private static final RenderedMessage TEXT =
      new RenderedMessage(MessageKind.APPOINTMENT_REMINDER, "fr", "Bonjour Camille, ...");

  private final Communication communication = CommunicationTranslator.toCommunication(MESSAGE, List.of(), null, TEXT, SENT);

  @Test
  void toCommunication_shouldCarryTheMessageKeyAsIdentifier() {
    assertThat(communication.getIdentifierFirstRep().getSystem()).isEqualTo("https://careloop.health/fhir/sid/message");
    assertThat(communication.getIdentifierFirstRep().getValue()).isEqualTo(MESSAGE.messageKey());
  }

  @Test
  void toCommunication_shouldBeAboutTheAppointment_toAndForThePatient() {
    assertThat(communication.getSubject().getReference()).isEqualTo("Patient/p1");
    assertThat(communication.getRecipientFirstRep().getReference()).isEqualTo("Patient/p1");
    assertThat(communication.getAboutFirstRep().getReference()).isEqualTo("Appointment/a1");
  }

  @Test
  void toCommunication_shouldSayWhatWasSent_inWhichLanguage_throughThePortal() {
    assertThat(communication.getStatus()).isEqualTo(CommunicationStatus.COMPLETED);
    assertThat(communication.getSent()).isEqualTo(java.util.Date.from(SENT));
    assertThat(communication.getLanguage()).isEqualTo("fr");
    assertThat(communication.getPayloadFirstRep().getContentStringType().getValue()).isEqualTo("Bonjour Camille, ...");
    assertThat(communication.getMediumFirstRep().getCodingFirstRep().getCode()).isEqualTo("ONLINEWRIT");
    assertThat(communication.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("appointment-reminder");
  }

  @Test
  void toCommunication_shouldConformToTheCareLoopProfile() {
    communication.setId(new IdType("Communication", "c1"));

    assertThat(communication.getMeta().hasProfile(CareLoopFhir.COMMUNICATION_PROFILE)).isTrue();
    assertThat(CareLoopProfileValidator.get().errors(communication)).isEmpty();
  }

  @Test
  void toAGuardianInPatientContact_carriesThemAsAContainedRelatedPerson_andConforms() {
    Guardian contact = new Guardian("Patient/p1#contact-ab12", "Sam",
        List.of("http://terminology.hl7.org/CodeSystem/v3-RoleCode|GUARD"), List.of(), List.of());
    DueMessage sameDay = new DueMessage("pm-2", "Appointment/a2:Patient/p1:reminder-PT48H:2026-12-10T14:00:00Z",
        MessageKind.APPOINTMENT_REMINDER, "a2", "p1", START.plusSeconds(4 * 3600), SENT, null, false, null);

    Communication toGuardian = CommunicationTranslator.toCommunication(MESSAGE, List.of(sameDay), contact, TEXT, SENT);
    toGuardian.setId(new IdType("Communication", "c2"));

    assertThat(toGuardian.getSubject().getReference()).isEqualTo("Patient/p1");
    assertThat(toGuardian.getRecipientFirstRep().getReference()).isEqualTo("#guardian");
    RelatedPerson contained = (RelatedPerson) toGuardian.getContained().get(0);
    assertThat(contained.getPatient().getReference()).isEqualTo("Patient/p1");
    assertThat(contained.getRelationshipFirstRep().getCodingFirstRep().getCode()).isEqualTo("GUARD");
    assertThat(toGuardian.getAbout()).extracting(Reference::getReference)
        .containsExactly("Appointment/a1", "Appointment/a2");
    assertThat(CareLoopProfileValidator.get().errors(toGuardian)).isEmpty();
    assertThat(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(toGuardian))
        .contains("\"reference\":\"#guardian\"");
  }

  @Test
  void toARelatedPerson_refersToThem() {
    Guardian mother = new Guardian("RelatedPerson/r9", "Sam", List.of(), List.of(), List.of());

    Communication toMother = CommunicationTranslator.toCommunication(MESSAGE, List.of(), mother, TEXT, SENT);

    assertThat(toMother.getRecipientFirstRep().getReference()).isEqualTo("RelatedPerson/r9");
    assertThat(toMother.getContained()).isEmpty();
  }
}
