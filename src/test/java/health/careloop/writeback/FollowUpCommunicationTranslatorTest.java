package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.CareLoopFhir;
import health.careloop.compose.ContentTexts.ContentText;
import health.careloop.compose.ContentTexts.Page;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.rules.Guardian;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import java.time.Instant;
import java.util.List;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Communication;
import org.junit.jupiter.api.Test;

class FollowUpCommunicationTranslatorTest {

  private static final Instant SENT = Instant.parse("2027-03-01T18:00:00Z");
  private static final String ITEM = "https://careloop.health/fhir/PlanDefinition/followup-fracture-cast";
  private static final DueMessage MESSAGE = new DueMessage("pm-1", "Encounter/e1:Patient/p1:followup:PT4H:abc",
      MessageKind.FOLLOW_UP_CONTENT, null, "p1", null, SENT, null, false, null, "e1", List.of(ITEM + "#evening"), false);
  private static final ContentText TEXT = new ContentText("en", "Keep the cast dry. https://www.nhs.uk/x",
      List.of(ITEM + "|1.0.0"), List.of(new Page("https://www.nhs.uk/x", "Broken arm")), false, List.of());

  @Test
  void aFollowUp_isAboutTheVisit_pointsBackToItsItems_andLinksThePage() {
    Communication c = FollowUpCommunicationTranslator.toCommunication(MESSAGE, null, TEXT, SENT);

    assertThat(c.getMeta().getProfile()).extracting(p -> p.getValue())
        .containsExactly(CareLoopFhir.FOLLOW_UP_COMMUNICATION_PROFILE);
    assertThat(c.getEncounter().getReference()).isEqualTo("Encounter/e1");
    assertThat(c.getAboutFirstRep().getReference()).isEqualTo("Encounter/e1");
    assertThat(c.getInstantiatesCanonical()).extracting(p -> p.getValue()).containsExactly(ITEM + "|1.0.0");
    assertThat(c.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("followup-content");
    assertThat(c.getPayload().get(1).getContent()).isInstanceOfSatisfying(Attachment.class,
        a -> assertThat(a.getUrl()).isEqualTo("https://www.nhs.uk/x"));
    assertThat(c.getExtensionByUrl(CareLoopFhir.DRAFT_CONTENT_EXTENSION)).isNull();
    assertThat(CareLoopProfileValidator.get().errors(c)).isEmpty();
  }

  @Test
  void contentWithoutACurrentReview_saysSo() {
    ContentText draft = new ContentText("en", TEXT.text(), TEXT.canonicals(), TEXT.pages(), true, List.of());

    Communication c = FollowUpCommunicationTranslator.toCommunication(MESSAGE, null, draft, SENT);

    assertThat(c.getExtensionByUrl(CareLoopFhir.DRAFT_CONTENT_EXTENSION).getValue())
        .isInstanceOfSatisfying(BooleanType.class, b -> assertThat(b.booleanValue()).isTrue());
    assertThat(CareLoopProfileValidator.get().errors(c)).isEmpty();
  }

  @Test
  void aGuardiansCopy_validatesToo() {
    Guardian parent = new Guardian("RelatedPerson/g1", "Ana", List.of(), List.of("es"), List.of());

    Communication c = FollowUpCommunicationTranslator.toCommunication(MESSAGE, parent, TEXT, SENT);

    assertThat(c.getRecipientFirstRep().getReference()).isEqualTo("RelatedPerson/g1");
    assertThat(CareLoopProfileValidator.get().errors(c)).isEmpty();
  }

  @Test
  void aFollowUpWithoutItsVisitOrItems_failsTheProfile() {
    Communication c = FollowUpCommunicationTranslator.toCommunication(MESSAGE, null, TEXT, SENT);
    c.setEncounter(null);
    c.getInstantiatesCanonical().clear();

    assertThat(CareLoopProfileValidator.get().errors(c)).anyMatch(e -> e.contains("encounter"))
        .anyMatch(e -> e.contains("instantiatesCanonical"));
  }
}
