package health.careloop.writeback;

import health.careloop.CareLoopFhir;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.compose.RenderedMessage;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import java.time.Instant;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.IdType;
import org.junit.jupiter.api.Test;

class CommunicationTranslatorTest {

  private static final Instant START = Instant.parse("2026-12-10T09:30:00Z");
  private static final Instant SENT = Instant.parse("2026-12-08T09:30:00Z");
  private static final DueMessage MESSAGE = new DueMessage("pm-1",
      "Appointment/a1:Patient/p1:reminder-PT48H:2026-12-10T09:30:00Z", MessageKind.APPOINTMENT_REMINDER,
      "a1", "p1", START, SENT, null, false);
  private static final RenderedMessage TEXT =
      new RenderedMessage(MessageKind.APPOINTMENT_REMINDER, "fr", "Bonjour Camille, ...");

  private final Communication communication = CommunicationTranslator.toCommunication(MESSAGE, TEXT, SENT);

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
}
