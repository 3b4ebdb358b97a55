package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.CareLoopFhir;
import health.careloop.compose.RenderedMessage;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.rules.Guardian;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The Communication a family update is written as, valid against CareLoop's communication profile. */
class SurgeryUpdateCommunicationTranslatorTest {

  private static final Instant SENT = Instant.parse("2027-03-01T10:00:00Z");
  private static final String KEY = "Encounter/e1:Patient/p1:to:RelatedPerson/r1:surgery-update:in-progress";

  @Test
  void anUpdate_goesToThePermittedRelatedPerson_aboutTheSurgery_andIsValidAgainstItsProfile() {
    DueMessage message = new DueMessage("pm-1", KEY, MessageKind.SURGERY_UPDATE, null, "p1", null, SENT, null, false,
        "RelatedPerson/r1", "e1", List.of(), false);
    Guardian mother = new Guardian("RelatedPerson/r1", "Ruth", List.of("MTH"), List.of("en"), List.of());

    Communication c = SurgeryUpdateCommunicationTranslator.toCommunication(message, mother,
        new RenderedMessage(MessageKind.SURGERY_UPDATE, "en", "Hello Ruth, Maya's operation has started."), SENT);

    assertThat(c.getMeta().getProfile()).extracting(p -> p.getValue()).containsExactly(CareLoopFhir.COMMUNICATION_PROFILE);
    assertThat(c.getRecipient()).extracting(Reference::getReference).containsExactly("RelatedPerson/r1");
    assertThat(c.getEncounter().getReference()).isEqualTo("Encounter/e1");
    assertThat(c.getIdentifierFirstRep().getValue()).isEqualTo(KEY);
    assertThat(CareLoopProfileValidator.get().errors(c)).isEmpty();
  }
}
