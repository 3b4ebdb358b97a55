package health.careloop.fhirprofiles;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.validation.ValidationResult;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.ElementDefinition;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.MetadataResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

public class CareLoopProfilesTest {

  static final String MESSAGE_KIND_CS = "https://careloop.health/fhir/CodeSystem/message-kind";
  static final String MESSAGE_ID_SYSTEM = "https://careloop.health/fhir/sid/message";
  static final String PARTICIPATION_MODE = "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode";

  static CareLoopProfileValidator validator;

  @BeforeAll
  static void buildValidator() {
    long start = System.nanoTime();
    validator = CareLoopProfileValidator.get();
    System.out.printf("[CareLoopProfilesTest] validator built (incl. core definitions and snapshots) in %d ms%n",
        (System.nanoTime() - start) / 1_000_000);
  }

  /** A Communication as CareLoop writes it: a reminder shown by the EHR's portal/inbox. */
  public static Communication careLoopCommunication() {
    Communication c = new Communication();
    c.getMeta().addProfile(CareLoopProfileValidator.COMMUNICATION_PROFILE);
    c.setLanguage("fr");
    c.addIdentifier().setSystem(MESSAGE_ID_SYSTEM)
        .setValue("Appointment/123:reminder-P2D:2026-12-01T08:00:00Z");
    c.setStatus(CommunicationStatus.COMPLETED);
    c.addCategory().addCoding().setSystem(MESSAGE_KIND_CS).setCode("appointment-reminder")
        .setDisplay("Appointment reminder");
    c.setSubject(new Reference("Patient/p1"));
    c.addRecipient(new Reference("Patient/p1"));
    c.addAbout(new Reference("Appointment/123"));
    c.setSent(new Date());
    c.addMedium().addCoding().setSystem(PARTICIPATION_MODE).setCode("ONLINEWRIT")
        .setDisplay("online written");
    c.addPayload().setContent(new StringType(
        "Rappel : vous avez rendez-vous le 3 décembre 2026 à 9 h 00 à la Clinique du Parc."));
    c.setSender(new Reference("Device/careloop"));
    return c;
  }

  @Test
  void communicationAsCareLoopWritesItIsValid() {
    Communication c = careLoopCommunication();
    long start = System.nanoTime();
    ValidationResult result = validator.validate(c);
    long first = System.nanoTime() - start;
    result.getMessages().forEach(m ->
        System.out.println("[CareLoopProfilesTest]   " + CareLoopProfileValidator.describe(m)));

    assertThat(CareLoopProfileValidator.errors(result)).isEmpty();
    assertThat(result.isSuccessful()).isTrue();

    int n = 20;
    start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      validator.validate(careLoopCommunication());
    }
    System.out.printf("[CareLoopProfilesTest] validating one Communication: first %d ms, then %d ms on average%n",
        first / 1_000_000, (System.nanoTime() - start) / 1_000_000 / n);
  }

  @Test
  void unknownExternalCodeSystemsWarnButDoNotFail() {
    Communication c = careLoopCommunication();
    c.setStatus(CommunicationStatus.NOTDONE);
    c.setSent(null);
    c.getStatusReason().addCoding().setSystem("https://hospital.example.org/fhir/CodeSystem/delivery-failure")
        .setCode("no-channel");
    c.setLanguage("de-CH");

    ValidationResult result = validator.validate(c);

    assertThat(CareLoopProfileValidator.errors(result)).isEmpty();
    assertThat(result.getMessages()).anySatisfy(m ->
        assertThat(m.getMessage()).contains("CodeSystem is unknown"));
  }

  @Test
  void followUpContentWithTextAndAttachmentIsValid() {
    Communication c = careLoopCommunication();
    c.getCategoryFirstRep().getCodingFirstRep().setCode("followup-content").setDisplay("Follow-up content");
    c.getAboutFirstRep().setReference("Encounter/e1");
    c.setEncounter(new Reference("Encounter/e1"));
    c.addPayload().setContent(new Attachment().setContentType("application/pdf")
        .setUrl("https://education.example.org/hip-replacement.pdf").setTitle("Après votre prothèse de hanche"));

    assertThat(validator.errors(c)).isEmpty();
  }

  @Test
  void missingSubjectPayloadAndIdentifierAreErrors() {
    Communication c = careLoopCommunication();
    c.setSubject(null);
    c.setPayload(null);
    c.setIdentifier(null);

    List<String> errors = validator.errors(c);

    assertThat(errors).anySatisfy(e -> assertThat(e).contains("Communication.subject"));
    assertThat(errors).anySatisfy(e -> assertThat(e).contains("Communication.payload"));
    assertThat(errors).anySatisfy(e -> assertThat(e).contains("Communication.identifier"));
  }

  @Test
  void identifierOfAnotherSystemOnlyIsAnError() {
    Communication c = careLoopCommunication();
    c.getIdentifierFirstRep().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:4a3e1c1e-7d4f-4e55-9c57-3b8c8e0f1a2b");

    assertThat(validator.errors(c)).anySatisfy(e -> assertThat(e).contains("identifier"));
  }

  @Test
  void attachmentOnlyPayloadIsAnError() {
    Communication c = careLoopCommunication();
    c.setPayload(null);
    c.addPayload().setContent(new Attachment().setContentType("application/pdf")
        .setUrl("https://education.example.org/leaflet.pdf"));

    assertThat(validator.errors(c)).anySatisfy(e -> assertThat(e).contains("Communication.payload"));
  }

  @Test
  void wrongCategoryCodeIsAnError() {
    Communication c = careLoopCommunication();
    c.getCategoryFirstRep().getCodingFirstRep().setCode("appointment-rescheduled").setDisplay(null);

    assertThat(validator.errors(c)).anySatisfy(e -> assertThat(e).contains("Communication.category"));
  }

  @Test
  void categoryFromAnotherCodeSystemIsAnError() {
    Communication c = careLoopCommunication();
    c.getCategoryFirstRep().getCodingFirstRep()
        .setSystem("http://terminology.hl7.org/CodeSystem/communication-category").setCode("reminder")
        .setDisplay("Reminder");

    assertThat(validator.errors(c)).anySatisfy(e -> assertThat(e).contains("Communication.category"));
  }

  @Test
  void subjectMustBeAPatientAndSenderADevice() {
    Communication c = careLoopCommunication();
    c.setSubject(new Reference("Group/g1"));
    c.setSender(new Reference("Practitioner/pr1"));

    List<String> errors = validator.errors(c);

    assertThat(errors).anySatisfy(e -> assertThat(e).contains("Communication.subject"));
    assertThat(errors).anySatisfy(e -> assertThat(e).contains("Communication.sender"));
  }

  @Test
  void unknownMediumCodeInParticipationModeIsAnError() {
    Communication c = careLoopCommunication();
    c.getMediumFirstRep().getCodingFirstRep().setCode("SMSWRITTEN").setDisplay(null);

    assertThat(validator.errors(c)).anySatisfy(e -> assertThat(e).contains("Communication.medium"));
  }

  @Test
  void everyProfileFileParsesAndUsesTheCareLoopCanonicalBase() {
    List<IBaseResource> resources = validator.profileResources();

    assertThat(resources).hasSizeGreaterThanOrEqualTo(3);
    assertThat(resources).allSatisfy(r -> {
      assertThat(r).isInstanceOf(MetadataResource.class);
      MetadataResource m = (MetadataResource) r;
      assertThat(m.getUrl()).startsWith(CareLoopProfileValidator.CANONICAL_BASE + "/");
      assertThat(m.getPublisher()).isEqualTo("CareLoop");
    });
    assertThat(resources).filteredOn(StructureDefinition.class::isInstance)
        .map(StructureDefinition.class::cast)
        .allSatisfy(sd -> {
          assertThat(sd.hasSnapshot()).as("%s has no snapshot in the file", sd.getUrl()).isFalse();
          assertThat(sd.getFhirVersion().toCode()).isEqualTo("4.0.1");
        })
        .extracting(StructureDefinition::getUrl)
        .contains(CareLoopProfileValidator.COMMUNICATION_PROFILE, CareLoopProfileValidator.STAFF_TASK_PROFILE);
    assertThat(resources).filteredOn(CodeSystem.class::isInstance).isNotEmpty();
    assertThat(resources).filteredOn(ValueSet.class::isInstance).isNotEmpty();
  }

  /**
   * Every profile and extension in the folder (a new file is picked up without a change here) gets
   * a snapshot, and each rule of its differential is in that snapshot: an element out of the base
   * resource's order is silently left out of the snapshot (the base's element stays, without the
   * rule), and the rule is never checked.
   */
  @Test
  void everyStructureDefinition_snapshotsWithEveryRuleOfItsDifferential() {
    List<StructureDefinition> definitions = validator.profileResources().stream()
        .filter(StructureDefinition.class::isInstance).map(StructureDefinition.class::cast).toList();
    assertThat(definitions).extracting(StructureDefinition::getUrl)
        .contains(CareLoopProfileValidator.CLINICIAN_SUMMARY_PROFILE);

    for (StructureDefinition definition : definitions) {
      StructureDefinition snapshotted = validator.snapshot(definition.getUrl());
      assertThat(snapshotted.hasSnapshot()).as("%s has a snapshot", definition.getUrl()).isTrue();
      for (ElementDefinition rule : definition.getDifferential().getElement()) {
        ElementDefinition element = snapshotted.getSnapshot().getElement().stream()
            .filter(e -> e.getId().equals(rule.getId())).findFirst().orElse(null);
        String where = definition.getUrl() + " " + rule.getId();
        assertThat(element).as(where).isNotNull();
        if (rule.hasMin()) {
          assertThat(element.getMin()).as(where + " min").isEqualTo(rule.getMin());
        }
        if (rule.hasMax()) {
          assertThat(element.getMax()).as(where + " max").isEqualTo(rule.getMax());
        }
        if (rule.hasPattern()) {
          assertThat(element.getPattern().equalsDeep(rule.getPattern())).as(where + " pattern").isTrue();
        }
        if (rule.hasType()) {
          assertThat(element.getType()).extracting(t -> t.getCode() + t.getTargetProfile())
              .as(where + " type").containsExactlyElementsOf(
                  rule.getType().stream().map(t -> t.getCode() + t.getTargetProfile()).toList());
        }
        if (rule.hasBinding()) {
          assertThat(element.getBinding().getValueSet()).as(where + " binding").isEqualTo(rule.getBinding().getValueSet());
        }
        for (ElementDefinition.ElementDefinitionConstraintComponent constraint : rule.getConstraint()) {
          assertThat(element.getConstraint()).extracting(ElementDefinition.ElementDefinitionConstraintComponent::getKey)
              .as(where + " constraints").contains(constraint.getKey());
        }
      }
    }
  }

  @Test
  void profileFilesThemselvesValidate() {
    for (IBaseResource r : validator.profileResources()) {
      assertThat(validator.errors(r)).as(((MetadataResource) r).getUrl()).isEmpty();
    }
  }
}
