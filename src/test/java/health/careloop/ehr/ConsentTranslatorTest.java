package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.rules.ConsentProvision;
import health.careloop.rules.MessageKind;
import java.time.Instant;
import java.util.Set;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class ConsentTranslatorTest {

  private static final String MESSAGE_KIND = "https://careloop.health/fhir/CodeSystem/message-kind";

  @Test
  void actorsAndPurposes_areCarriedOver_theEhrsOwnReferencesOnly_andSystemBarCode() {
    Consent consent = new Consent();
    Consent.ProvisionComponent root = consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
    root.addActor().setReference(new Reference("http://elsewhere.example/fhir/RelatedPerson/35"));
    root.addActor().setReference(new Reference("RelatedPerson/34/_history/2"));
    root.addActor().setReference(new Reference("RelatedPerson/36"));
    root.addActor().setRole(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v3-RoleCode", "MTH", null)));
    root.addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "FAMRQT", null));

    ConsentProvision tree = ConsentTranslator.toProvision(consent).orElseThrow();

    assertThat(tree.actors()).containsExactlyInAnyOrder("RelatedPerson/34", "RelatedPerson/36");
    assertThat(tree.purposes()).containsExactly("http://terminology.hl7.org/CodeSystem/v3-ActReason|FAMRQT");
  }

  @Test
  void theProvisionTree_isCarriedOver_withTypesPeriodsAndCareLoopsKinds() {
    Consent consent = new Consent();
    Consent.ProvisionComponent root = consent.getProvision().setType(Consent.ConsentProvisionType.PERMIT);
    Consent.ProvisionComponent noReminders = root.addProvision().setType(Consent.ConsentProvisionType.DENY)
        .addCode(new CodeableConcept(new Coding(MESSAGE_KIND, "appointment-reminder", null))
            .addCoding(new Coding("http://snomed.info/sct", "185087000", null)));
    noReminders.addProvision().setType(Consent.ConsentProvisionType.PERMIT)
        .setPeriod(new Period().setStartElement(new DateTimeType("2026-07-01T09:00:00+02:00")));

    ConsentProvision tree = ConsentTranslator.toProvision(consent).orElseThrow();

    assertThat(tree.type()).isEqualTo(ConsentProvision.Type.PERMIT);
    assertThat(tree.coded()).isFalse();
    ConsentProvision deny = tree.provisions().get(0);
    assertThat(deny.type()).isEqualTo(ConsentProvision.Type.DENY);
    assertThat(deny.coded()).isTrue();
    assertThat(deny.kinds()).containsExactly(MessageKind.APPOINTMENT_REMINDER);
    ConsentProvision permit = deny.provisions().get(0);
    assertThat(permit.type()).isEqualTo(ConsentProvision.Type.PERMIT);
    assertThat(permit.from()).isEqualTo(Instant.parse("2026-07-01T07:00:00Z"));
    assertThat(permit.until()).isNull();
  }

  @Test
  void codesOfOtherSystems_orUnknownToCareLoop_nameNoKind_butStillMakeTheProvisionCoded() {
    Consent consent = new Consent();
    consent.getProvision().setType(Consent.ConsentProvisionType.DENY)
        .addCode(new CodeableConcept(new Coding("http://loinc.org", "57016-8", null)))
        .addCode(new CodeableConcept(new Coding(MESSAGE_KIND, "appointment-follow-up", null)));

    ConsentProvision root = ConsentTranslator.toProvision(consent).orElseThrow();

    assertThat(root.coded()).isTrue();
    assertThat(root.kinds()).isEmpty();
  }

  @Test
  void aProvisionWithoutAType_hasNone() {
    Consent consent = new Consent();
    consent.getProvision().addCode(new CodeableConcept(new Coding(MESSAGE_KIND, "appointment-moved", null)));

    assertThat(ConsentTranslator.toProvision(consent).orElseThrow().type()).isNull();
  }

  @Test
  void aConsentWithoutAProvision_hasNoTree() {
    Consent consent = new Consent();
    consent.setPatient(new Reference("Patient/1"));

    assertThat(ConsentTranslator.toProvision(consent)).isEmpty();
  }

  @Test
  void anEndDate_coversTheWholeDayInUtc_aMonthOrAYearTheWholeOfIt() {
    assertThat(ConsentTranslator.end(new DateTimeType("2026-06-30"))).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
    assertThat(ConsentTranslator.end(new DateTimeType("2026-02"))).isEqualTo(Instant.parse("2026-03-01T00:00:00Z"));
    assertThat(ConsentTranslator.end(new DateTimeType("2026"))).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(ConsentTranslator.end(new DateTimeType("2026-06-30T17:00:00+01:00")))
        .as("to the second given: that second").isEqualTo(Instant.parse("2026-06-30T16:00:01Z"));
  }

  @Test
  void aStartDate_beginsItsFirstDayInUtc() {
    assertThat(ConsentTranslator.start(new DateTimeType("2026-06-01"))).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
    assertThat(ConsentTranslator.start(new DateTimeType("2026-06"))).isEqualTo(Instant.parse("2026-06-01T00:00:00Z"));
    assertThat(ConsentTranslator.start(new DateTimeType("2026"))).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(ConsentTranslator.start(new DateTimeType("2026-06-01T08:30:00Z"))).isEqualTo(Instant.parse("2026-06-01T08:30:00Z"));
  }

  @Test
  void severalCodes_nameSeveralKinds() {
    Consent consent = new Consent();
    consent.getProvision().setType(Consent.ConsentProvisionType.DENY)
        .addCode(new CodeableConcept(new Coding(MESSAGE_KIND, "appointment-confirmation", null)))
        .addCode(new CodeableConcept(new Coding(MESSAGE_KIND, "appointment-cancelled", null)));

    assertThat(ConsentTranslator.toProvision(consent).orElseThrow().kinds())
        .isEqualTo(Set.of(MessageKind.APPOINTMENT_CONFIRMATION, MessageKind.APPOINTMENT_CANCELLED));
  }
}
