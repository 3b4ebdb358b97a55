package health.careloop.family;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.util.BundleUtil;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import health.careloop.support.SendGate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Updates to the family during surgery, end to end against a real HAPI FHIR JPA server as the EHR:
 * the surgical Encounter is recorded and moved through the EHR's FHIR API, its rest-hook
 * Subscription tells CareLoop, and the updates appear in the EHR as Communications to the people
 * the patient's Consents permit, and to no one else.
 */
class SurgeryFamilyUpdatesIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String KIND = "surgery-update";
  private static final String SURGICAL = "387713003";
  private static final String SCT = "http://snomed.info/sct";

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
      "careloop.delivery.quiet-hours.enabled", "true",
      "careloop.delivery.quiet-hours.start", "21:00",
      "careloop.delivery.quiet-hours.end", "08:00"), SendGate.class);

  @Test
  void aPermittedRelatedPerson_isToldWhenTheOperationStarts_andWhenItIsOver_atOnceEvenAtNight_once() {
    // The patient's clock (and so the family's) is in the middle of the night: quiet hours do not hold an update back.
    String patient = fixtures.patient("Maya", "en", zoneWhereTheLocalHourIs(careLoop.clock().instant(), 2).getId());
    String mother = fixtures.relatedPerson(patient, "Ruth", "MTH", "fr");
    permit(patient, mother);
    String surgery = fixtures.create(surgery(patient, "in-progress", SURGICAL));

    Await.until("the start is planned", WAIT, () -> planned(surgery).size() == 1);
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(1));
    Communication started = awaitUpdates(patient, 1).get(0);
    assertThat(started.getRecipientFirstRep().getReference()).isEqualTo("RelatedPerson/" + mother);
    assertThat(started.getEncounter().getReference()).isEqualTo("Encounter/" + surgery);
    assertThat(started.getAboutFirstRep().getReference()).isEqualTo("Encounter/" + surgery);
    assertThat(started.getLanguage()).isEqualTo("fr");
    assertThat(started.getPayloadFirstRep().getContentStringType().getValue())
        .isEqualTo("Bonjour Ruth, l'opération de Maya a commencé. L'équipe vous contactera.");
    assertThat(CareLoopProfileValidator.get().errors(started)).isEmpty();

    fixtures.update(fixtures.readEncounter(surgery).setStatus(Encounter.EncounterStatus.FINISHED));
    Await.until("the end is planned", WAIT, () -> planned(surgery).size() == 2);
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(1));
    List<Communication> updates = awaitUpdates(patient, 2);
    Communication over = updates.stream().filter(c -> c.getIdentifierFirstRep().getValue().endsWith(":finished"))
        .findFirst().orElseThrow();
    assertThat(over.getPayloadFirstRep().getContentStringType().getValue())
        .isEqualTo("Bonjour Ruth, l'opération de Maya est terminée et la personne est en salle de réveil."
            + " L'équipe vous contactera.");
    assertThat(CareLoopProfileValidator.get().errors(over)).isEmpty();
    assertThat(updates).extracting(c -> c.getIdentifierFirstRep().getValue()).containsExactlyInAnyOrder(
        "Encounter/" + surgery + ":Patient/" + patient + ":to:RelatedPerson/" + mother + ":surgery-update:in-progress",
        "Encounter/" + surgery + ":Patient/" + patient + ":to:RelatedPerson/" + mother + ":surgery-update:finished");

    // The EHR notifies the same state again (a note added): nothing is sent twice.
    fixtures.update(fixtures.readEncounter(surgery).addReasonCode(new CodeableConcept().setText("note")));
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(5));
    assertThat(fixtures.communicationsFor(patient, KIND)).hasSize(2);
    assertThat(planned(surgery)).extracting(Planned::status).containsOnly("SENT");
  }

  @Test
  void withoutAConsent_nobodyIsTold_andThePlanSaysWhy() {
    String patient = fixtures.patient("Noah", "en", "Europe/London");
    fixtures.relatedPerson(patient, "Sam", "FTH", "en");
    String surgery = fixtures.create(surgery(patient, "in-progress", SURGICAL));

    Await.until("the decision is recorded", WAIT, () -> planned(surgery).size() == 1);
    assertThat(planned(surgery)).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo("SKIPPED");
      assertThat(p.reason()).contains("no active Consent");
    });
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(5));
    assertThat(fixtures.communicationsFor(patient, KIND)).isEmpty();
  }

  @Test
  void aConsentNamingAnotherRelatedPerson_tellsThemOnly() {
    String patient = fixtures.patient("Lena", "en", "Europe/London");
    String brother = fixtures.relatedPerson(patient, "Tom", "BRO", "en");
    String father = fixtures.relatedPerson(patient, "Ivo", "FTH", "en");
    permit(patient, brother);
    String surgery = fixtures.create(surgery(patient, "in-progress", SURGICAL));

    Await.until("the start is planned", WAIT, () -> planned(surgery).size() == 1);
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(1));
    assertThat(awaitUpdates(patient, 1)).extracting(c -> c.getRecipientFirstRep().getReference())
        .containsExactly("RelatedPerson/" + brother).doesNotContain("RelatedPerson/" + father);
  }

  @Test
  void aNonSurgicalEncounter_tellsNobody() {
    String patient = fixtures.patient("Omar", "en", "Europe/London");
    permit(patient, fixtures.relatedPerson(patient, "Aya", "MTH", "en"));
    String visit = fixtures.create(surgery(patient, "in-progress", "185349003"));
    // A surgical Encounter of another patient, created after it, is the marker that CareLoop has
    // processed the visit's notifications: the inbox processes them in order.
    String marker = fixtures.patient("Ida", "en", "Europe/London");
    String markerSurgery = fixtures.create(surgery(marker, "in-progress", SURGICAL));
    Await.until("a later surgery is processed", WAIT, () -> planned(markerSurgery).size() == 1);

    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(5));
    assertThat(planned(visit)).isEmpty();
    assertThat(fixtures.communicationsFor(patient, KIND)).isEmpty();
  }

  /**
   * An update planned while the Consent permitted it, held at its send (SendGate) while the EHR
   * changes: the Consent withdrawn (inactive), the RelatedPerson no longer active, or the patient's
   * death recorded. CareLoop reads the EHR again at send time: nothing is sent, and the plan says why.
   */
  @Test
  void aConsentWithdrawnBeforeTheSend_stopsTheUpdate() throws InterruptedException {
    String patient = fixtures.patient("Iris", "en", "Europe/London");
    String sister = fixtures.relatedPerson(patient, "Zoe", "SIS", "en");
    permit(patient, sister);

    String surgery = plannedThenHeldWhile(patient, () -> {
      Consent consent = consentOf(patient);
      consent.setStatus(Consent.ConsentState.INACTIVE);
      ehr.client().update().resource(consent).execute();
    });

    assertThat(planned(surgery)).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo("SKIPPED");
      assertThat(p.reason()).contains("no active Consent").contains("RelatedPerson/" + sister);
    });
    assertThat(fixtures.communicationsFor(patient, KIND)).isEmpty();
  }

  @Test
  void aRelatedPersonNoLongerActiveBeforeTheSend_isNotTold() throws InterruptedException {
    String patient = fixtures.patient("Jon", "en", "Europe/London");
    String partner = fixtures.relatedPerson(patient, "Kai", "DOMPART", "en");
    permit(patient, partner);

    String surgery = plannedThenHeldWhile(patient, () -> {
      RelatedPerson person = ehr.client().read().resource(RelatedPerson.class).withId(partner).execute();
      person.setActive(false);
      ehr.client().update().resource(person).execute();
    });

    assertThat(planned(surgery)).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo("SKIPPED");
      assertThat(p.reason()).contains("RelatedPerson/" + partner);
    });
    assertThat(fixtures.communicationsFor(patient, KIND)).isEmpty();
  }

  @Test
  void aPatientWhoseDeathIsRecordedBeforeTheSend_getsNoUpdateToTheFamily() throws InterruptedException {
    String patient = fixtures.patient("Lou", "en", "Europe/London");
    permit(patient, fixtures.relatedPerson(patient, "Max", "SON", "en"));

    String surgery = plannedThenHeldWhile(patient, () -> {
      Patient p = ehr.client().read().resource(Patient.class).withId(patient).execute();
      p.setDeceased(new DateTimeType(Date.from(careLoop.clock().instant())));
      ehr.client().update().resource(p).execute();
    });

    assertThat(planned(surgery)).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo("SKIPPED");
      assertThat(p.reason()).contains("deceased");
    });
    assertThat(fixtures.communicationsFor(patient, KIND)).isEmpty();
  }

  /** The operation's record withdrawn (entered in error) while its "started" update waits to be sent: nobody is told. */
  @Test
  void anEncounterThatMovedOnBeforeTheSend_getsNoUpdate() throws InterruptedException {
    String patient = fixtures.patient("Ned", "en", "Europe/London");
    permit(patient, fixtures.relatedPerson(patient, "Ola", "DAU", "en"));

    String surgery = plannedThenHeldWhile(patient, () -> {
      Encounter withdrawn = ehr.client().read().resource(Encounter.class)
          .withId(careLoopsSurgeryOf(patient)).execute();
      withdrawn.setStatus(Encounter.EncounterStatus.ENTEREDINERROR);
      ehr.client().update().resource(withdrawn).execute();
    });

    assertThat(planned(surgery)).singleElement().satisfies(p -> {
      assertThat(p.status()).as("skipped at the send, or withdrawn by the replan of the new version")
          .isIn("SKIPPED", "REVOKED");
      assertThat(p.reason()).contains("entered-in-error");
    });
    Thread.sleep(2000);
    assertThat(fixtures.communicationsFor(patient, KIND)).isEmpty();
  }

  /** The one Encounter of the patient in the EHR: the surgery the test created. */
  private static String careLoopsSurgeryOf(String patientId) {
    return BundleUtil.toListOfResourcesOfType(ehr.client().getFhirContext(), ehr.client().search()
        .forResource(Encounter.class).where(Encounter.PATIENT.hasId("Patient/" + patientId))
        .returnBundle(Bundle.class).execute(), Encounter.class).get(0).getIdElement().getIdPart();
  }

  /**
   * The operation starts; its update is planned (the Consent permits it then) and held at its send
   * while {@code change} is made in the EHR; then let go. Returns the Encounter's id once decided.
   */
  private static String plannedThenHeldWhile(String patient, Runnable change) throws InterruptedException {
    SendGate gate = careLoop.bean(SendGate.class);
    gate.hold(patient);
    String surgery = fixtures.create(surgery(patient, "in-progress", SURGICAL));
    careLoop.advanceClock(Duration.ofSeconds(1));
    gate.awaitHeld(patient, WAIT);
    assertThat(planned(surgery)).singleElement().satisfies(p -> assertThat(p.status()).isEqualTo("PENDING"));
    change.run();
    gate.release(patient);
    Await.until("the update is decided", WAIT, () -> !"PENDING".equals(planned(surgery).get(0).status()));
    return surgery;
  }

  private static Consent consentOf(String patientId) {
    return BundleUtil.toListOfResourcesOfType(ehr.client().getFhirContext(), ehr.client().search()
        .forResource(Consent.class).where(Consent.PATIENT.hasId("Patient/" + patientId))
        .returnBundle(Bundle.class).execute(), Consent.class).get(0);
  }

  /** An active Consent of the patient permitting {@code relatedPerson} to be told, for family-requested use. */
  private static void permit(String patientId, String relatedPerson) {
    Consent.ProvisionComponent permit = new Consent.ProvisionComponent().setType(Consent.ConsentProvisionType.PERMIT);
    permit.addActor().setRole(new CodeableConcept(
            new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "IRCP", "information recipient")))
        .setReference(new Reference("RelatedPerson/" + relatedPerson));
    permit.addPurpose(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActReason", "FAMRQT", "family requested"));
    fixtures.consent(patientId, permit);
  }

  /** An inpatient Encounter of the patient, of SNOMED type {@code type}, in {@code status}; not yet stored. */
  private static Encounter surgery(String patientId, String status, String type) {
    Encounter e = EhrFixtures.visit(patientId, status, "IMP", careLoop.clock().instant());
    e.getPeriod().setEnd(null);
    e.addType(new CodeableConcept(new Coding(SCT, type, null)));
    return e;
  }

  record Planned(String key, String status, String reason) {}

  private static List<Planned> planned(String encounterId) {
    return careLoop.bean(JdbcTemplate.class).query(
        "select message_key, status, status_reason from planned_message where encounter_id = ? and kind = ?"
            + " order by created_at",
        (rs, n) -> new Planned(rs.getString(1), rs.getString(2), rs.getString(3)), encounterId, KIND);
  }

  private static List<Communication> awaitUpdates(String patientId, int count) {
    Await.until(count + " surgery update(s) about Patient/" + patientId, WAIT,
        () -> fixtures.communicationsFor(patientId, KIND).size() == count);
    return fixtures.communicationsFor(patientId, KIND);
  }

  /** An IANA fixed-offset zone (Etc/GMT±n) where it is about {@code hour} o'clock at {@code now}. */
  private static ZoneId zoneWhereTheLocalHourIs(Instant now, int hour) {
    int utcHour = now.atZone(ZoneId.of("UTC")).getHour();
    int offset = Math.floorMod(hour - utcHour + 12, 24) - 12;
    return ZoneId.of(offset == 0 ? "Etc/GMT" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset));
  }
}
