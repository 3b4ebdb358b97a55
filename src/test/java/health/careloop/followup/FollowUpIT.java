package health.careloop.followup;

import static org.assertj.core.api.Assertions.assertThat;
import health.careloop.CareLoopFhir;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Follow-up content end to end against a real HAPI FHIR JPA server as the EHR, with the shipped
 * content library: visits are recorded through the EHR's FHIR API, its rest-hook Subscription tells
 * CareLoop, and the follow-ups appear in the EHR as Communications at their due time. Time is
 * CareLoop's clock; nothing sleeps.
 */
class FollowUpIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String FOLLOW_UP = "followup-content";
  private static final String SCT = "http://snomed.info/sct";
  private static final String ICD_10 = "http://hl7.org/fhir/sid/icd-10";
  private static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
  private static final String FRACTURE = "https://careloop.health/fhir/PlanDefinition/followup-fracture-cast";
  private static final String ASTHMA = "https://careloop.health/fhir/PlanDefinition/followup-asthma-inhaler";
  private static final String POSTOP = "https://careloop.health/fhir/PlanDefinition/followup-postop-wound-care";
  private static final String UTI = "https://careloop.health/fhir/PlanDefinition/followup-uti-antibiotics";

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of());

  @Test
  void aFinishedVisitWithAFractureDiagnosis_getsTheFractureItem_atItsOffsets_inThePatientsLanguage() {
    String patient = fixtures.patient("Camille", "fr-FR", "Europe/Paris");
    Instant end = visitEnd(Duration.ofHours(1));
    String fracture = fixtures.condition(patient, ICD_10, "S52.5");
    String visit = fixtures.create(EhrFixtures.visit(patient, "finished", "AMB", end, fracture));

    List<Planned> plan = awaitPlanned(visit, 3);
    assertThat(plan).extracting(Planned::dueAt).containsExactly(end.plus(Duration.ofHours(4)),
        end.plus(Duration.ofDays(2)), end.plus(Duration.ofDays(7)));
    assertThat(plan).extracting(Planned::content)
        .containsExactly(FRACTURE + "#evening", FRACTURE + "#day-2", FRACTURE + "#day-7");

    careLoop.advanceClockTo(end.plus(Duration.ofHours(4)).plusSeconds(1));
    Communication sent = awaitFollowUps(patient, 1).get(0);

    assertThat(sent.getIdentifierFirstRep().getValue()).startsWith("Encounter/" + visit + ":Patient/" + patient);
    assertThat(sent.getEncounter().getReference()).isEqualTo("Encounter/" + visit);
    assertThat(sent.getInstantiatesCanonical()).extracting(PrimitiveType::getValue).containsExactly(FRACTURE + "|1.0.0");
    assertThat(sent.getLanguage()).isEqualTo("fr");
    assertThat(sent.getPayload().get(1).getContent()).isInstanceOfSatisfying(Attachment.class,
        page -> assertThat(sent.getPayloadFirstRep().getContentStringType().getValue()).contains(page.getUrl()));
    assertThat(sent.getExtensionByUrl(CareLoopFhir.DRAFT_CONTENT_EXTENSION)).isNull();
    assertThat(CareLoopProfileValidator.get().errors(sent)).isEmpty();
    assertThat(statuses(visit)).containsExactly("SENT", "PENDING", "PENDING");

    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(60));
    assertThat(fixtures.communicationsFor(patient, FOLLOW_UP)).hasSize(1);
  }

  @Test
  void contentIsChosenByReasonProcedureAndIcd10CmDiagnosis_asTheEhrRecordsThem() {
    String patient = fixtures.patient("Robin", "en", "Europe/London");
    Instant end = visitEnd(Duration.ofMinutes(10));
    String uti = fixtures.condition(patient, ICD_10_CM, "N39.0");
    Encounter visit = EhrFixtures.visit(patient, "finished", "AMB", end, uti);
    visit.addReasonCode(new CodeableConcept(new Coding(SCT, "195967001", null)));
    String id = fixtures.create(visit);
    // The procedure is recorded after the visit finished: the EHR notifies the next version of it.
    fixtures.procedure(patient, id, SCT, "80146002");
    fixtures.update(fixtures.readEncounter(id).addType(new CodeableConcept(new Coding(SCT, "185349003", null))));

    Await.until("each item's messages are planned", WAIT, () -> plannedItems(id).containsAll(List.of(ASTHMA, UTI, POSTOP)));
    // Items' messages due at the same offset go as one message: asthma and post-op both have day 1.
    assertThat(planned(id)).filteredOn(p -> p.status().equals("PENDING") && p.dueAt().equals(end.plus(Duration.ofDays(1))))
        .singleElement().satisfies(p -> assertThat(p.content()).contains(ASTHMA + "#day-1").contains(POSTOP + "#day-1"));
  }

  @Test
  void aVisitWithASensitiveDiagnosis_getsNothing_andThePlanSaysWhyWithoutNamingIt() {
    String patient = fixtures.patient("Alex", "en", "Europe/London");
    String fracture = fixtures.condition(patient, ICD_10, "S52.5");
    String cancer = fixtures.condition(patient, ICD_10, "C50");
    String visit = fixtures.create(EhrFixtures.visit(patient, "finished", "AMB",
        careLoop.clock().instant().minus(Duration.ofHours(1)), fracture, cancer));

    List<Planned> plan = awaitPlanned(visit, 1);
    assertThat(plan).singleElement().satisfies(p -> {
      assertThat(p.status()).isEqualTo("SKIPPED");
      assertThat(p.reason()).contains("sensitive-conditions").doesNotContain("C50");
    });
    careLoop.advanceClockTo(careLoop.clock().instant().plus(Duration.ofDays(8)));
    assertThat(fixtures.communicationsFor(patient, FOLLOW_UP)).isEmpty();
  }

  @Test
  void aDeceasedPatient_orOneWhoDiedDuringTheVisit_getsNothing() {
    String deceased = fixtures.patient("Dana", "en", "Europe/London");
    fixtures.recordDeath(deceased);
    String visit = fixtures.create(EhrFixtures.visit(deceased, "finished", "AMB",
        careLoop.clock().instant().minus(Duration.ofHours(1)), fixtures.condition(deceased, ICD_10, "S52.5")));
    assertThat(awaitPlanned(visit, 1)).singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("deceased"));

    String died = fixtures.patient("Eli", "en", "Europe/London");
    Encounter expired = EhrFixtures.visit(died, "finished", "IMP", careLoop.clock().instant().minus(Duration.ofHours(1)),
        fixtures.condition(died, ICD_10, "S52.5"));
    expired.getHospitalization().setDischargeDisposition(new CodeableConcept(
        new Coding("http://terminology.hl7.org/CodeSystem/discharge-disposition", "exp", null)));
    String expiredVisit = fixtures.create(expired);
    assertThat(awaitPlanned(expiredVisit, 1)).singleElement()
        .satisfies(p -> assertThat(p.reason()).contains("died during the visit"));

    careLoop.advanceClockTo(careLoop.clock().instant().plus(Duration.ofDays(8)));
    assertThat(fixtures.communicationsFor(deceased, FOLLOW_UP)).isEmpty();
    assertThat(fixtures.communicationsFor(died, FOLLOW_UP)).isEmpty();
  }

  @Test
  void aDeathRecordedAfterPlanning_stopsTheFollowUpAtItsTime() {
    String patient = fixtures.patient("Fran", "en", "Europe/London");
    Instant end = visitEnd(Duration.ofHours(1));
    String visit = fixtures.create(EhrFixtures.visit(patient, "finished", "AMB", end,
        fixtures.condition(patient, ICD_10, "S52.5")));
    awaitPlanned(visit, 3);

    fixtures.recordDeath(patient);
    careLoop.advanceClockTo(end.plus(Duration.ofHours(4)).plusSeconds(1));

    assertThat(planned(visit).get(0).status()).isEqualTo("SKIPPED");
    assertThat(planned(visit).get(0).reason()).contains("deceased");
    assertThat(fixtures.communicationsFor(patient, FOLLOW_UP)).isEmpty();
  }

  @Test
  void aVisitReopened_hasWhatIsPendingRevoked_andReFinishedWithADiagnosisAdded_getsOnlyWhatItHadNot() {
    String patient = fixtures.patient("Gus", "en", "Europe/London");
    Instant end = visitEnd(Duration.ofHours(1));
    String visit = fixtures.create(EhrFixtures.visit(patient, "finished", "AMB", end,
        fixtures.condition(patient, ICD_10, "S52.5")));
    awaitPlanned(visit, 3);
    careLoop.advanceClockTo(end.plus(Duration.ofHours(4)).plusSeconds(1));
    awaitFollowUps(patient, 1);

    Encounter reopened = fixtures.readEncounter(visit).setStatus(Encounter.EncounterStatus.INPROGRESS);
    fixtures.update(reopened);
    Await.until("what was pending is revoked", WAIT, () -> statuses(visit).equals(List.of("SENT", "REVOKED", "REVOKED")));

    Encounter refinished = fixtures.readEncounter(visit).setStatus(Encounter.EncounterStatus.FINISHED);
    refinished.addDiagnosis().setCondition(new Reference(
        "Condition/" + fixtures.condition(patient, ICD_10, "J45")));
    fixtures.update(refinished);
    Await.until("the asthma item is planned", WAIT, () -> plannedItems(visit).contains(ASTHMA));

    List<Planned> pending = planned(visit).stream().filter(p -> p.status().equals("PENDING")).toList();
    assertThat(pending).extracting(Planned::content).noneMatch(c -> c.contains(FRACTURE + "#evening"));
    assertThat(pending).extracting(Planned::content).anyMatch(c -> c.contains(FRACTURE + "#day-2"))
        .anyMatch(c -> c.contains(ASTHMA + "#day-1"));

    for (Duration offset : List.of(Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(7), Duration.ofDays(30))) {
      careLoop.advanceClockTo(end.plus(offset).plusSeconds(1));
    }
    List<Communication> sent = fixtures.communicationsFor(patient, FOLLOW_UP);
    assertThat(sent.stream().flatMap(c -> c.getInstantiatesCanonical().stream()).map(PrimitiveType::getValue)
        .filter(c -> c.startsWith(FRACTURE))).as("the fracture item's messages: evening, day 2, day 7, once each")
        .hasSize(3);
    assertThat(sent).allSatisfy(c -> assertThat(CareLoopProfileValidator.get().errors(c)).isEmpty());
  }

  @Test
  void aVisitEnteredInError_hasItsFollowUpsRevoked() {
    String patient = fixtures.patient("Hana", "en", "Europe/London");
    String visit = fixtures.create(EhrFixtures.visit(patient, "finished", "AMB",
        careLoop.clock().instant().minus(Duration.ofHours(1)), fixtures.condition(patient, ICD_10, "S52.5")));
    awaitPlanned(visit, 3);

    fixtures.update(fixtures.readEncounter(visit).setStatus(Encounter.EncounterStatus.ENTEREDINERROR));

    Await.until("every follow-up is revoked", WAIT, () -> statuses(visit).equals(List.of("REVOKED", "REVOKED", "REVOKED")));
  }

  @Test
  void previewOfAVisit_showsTheFollowUpsItWouldGet_andWhyEachItemWasChosen_writingNothing() {
    String patient = fixtures.patient("Ines", "es", "Europe/Madrid");
    Instant end = visitEnd(Duration.ofMinutes(5));
    // Not finished yet in the EHR: the preview is of the visit as given, finished, with its id.
    Encounter visit = EhrFixtures.visit(patient, "in-progress", "AMB", end, fixtures.condition(patient, ICD_10, "S52.5"));
    String id = fixtures.create(visit);
    Encounter finished = fixtures.readEncounter(id).setStatus(Encounter.EncounterStatus.FINISHED);

    Bundle preview = careLoop.clientFor(careLoop.fhirBaseUrl()).operation().onType(Encounter.class)
        .named("$preview").withParameter(Parameters.class, "encounter", finished).returnResourceType(Bundle.class)
        .execute();

    List<CommunicationRequest> drafts = preview.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(CommunicationRequest.class::isInstance).map(CommunicationRequest.class::cast).toList();
    assertThat(drafts).hasSize(3).allSatisfy(draft -> {
      assertThat(draft.getStatus()).isEqualTo(CommunicationRequest.CommunicationRequestStatus.DRAFT);
      assertThat(draft.getEncounter().getReference()).endsWith("/Encounter/" + id);
      assertThat(draft.getPayloadFirstRep().getContentStringType().getValue()).startsWith(FRACTURE + "#");
      assertThat(CareLoopProfileValidator.get().errors(draft)).isEmpty();
    });
    OperationOutcome why = (OperationOutcome) preview.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
        .filter(OperationOutcome.class::isInstance).findFirst().orElseThrow();
    assertThat(why.getIssue()).anySatisfy(issue -> assertThat(issue.getDiagnostics())
        .contains(FRACTURE + " chosen").contains("diagnosis code " + ICD_10 + "|S52.5"));
    assertThat(planned(id)).as("a preview writes nothing").isEmpty();
  }

  @Test
  void previewOfAVisitWithASensitiveDiagnosis_showsNothingPlanned_andWhyWithoutTheDiagnosis() {
    String patient = fixtures.patient("Jo", "en", "Europe/London");
    String visit = fixtures.create(EhrFixtures.visit(patient, "finished", "AMB", visitEnd(Duration.ofHours(1)),
        fixtures.condition(patient, ICD_10, "C50")));
    awaitPlanned(visit, 1);

    Bundle preview = careLoop.clientFor(careLoop.fhirBaseUrl()).operation().onType(Encounter.class)
        .named("$preview").withParameter(Parameters.class, "encounterReference", new Reference("Encounter/" + visit))
        .returnResourceType(Bundle.class).execute();

    assertThat(preview.getEntry()).singleElement().satisfies(entry -> {
      OperationOutcome why = (OperationOutcome) entry.getResource();
      assertThat(why.getIssueFirstRep().getDiagnostics()).contains("sensitive-conditions").doesNotContain("C50");
    });
  }

  /** MedlinePlus Connect links are off by default: a diagnosis no item covers gets no follow-up at all. */
  @Test
  void aDiagnosisNoItemCovers_getsNothing_whileMedlinePlusConnectIsOff() {
    String patient = fixtures.patient("Hana", "en", "Europe/London");
    String visit = fixtures.create(EhrFixtures.visit(patient, "finished", "AMB", visitEnd(Duration.ofMinutes(30)),
        fixtures.condition(patient, ICD_10_CM, "K35.80")));
    // A visit created after it, with a covered diagnosis, is the marker that CareLoop has processed
    // the first one's notification: the inbox processes them in order.
    String marker = fixtures.patient("Ivo", "en", "Europe/London");
    String markerVisit = fixtures.create(EhrFixtures.visit(marker, "finished", "AMB", visitEnd(Duration.ofMinutes(30)),
        fixtures.condition(marker, ICD_10, "S52.5")));
    awaitPlanned(markerVisit, 3);

    careLoop.advanceClockTo(careLoop.clock().instant().plus(Duration.ofHours(5)));
    assertThat(planned(visit)).isEmpty();
    assertThat(fixtures.communicationsFor(patient, FOLLOW_UP)).isEmpty();
  }

  /** A visit's end {@code ago} before CareLoop's now, to the second as the EHR stores it. */
  private static Instant visitEnd(Duration ago) {
    return careLoop.clock().instant().minus(ago).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }

  /** A planned follow-up, as CareLoop stores it. */
  record Planned(String key, String status, String reason, Instant dueAt, String content) {}

  private static List<Planned> planned(String encounterId) {
    return careLoop.bean(JdbcTemplate.class).query(
        "select message_key, status, status_reason, due_at, content from planned_message where encounter_id = ?"
            + " order by due_at, created_at",
        (rs, n) -> new Planned(rs.getString(1), rs.getString(2), rs.getString(3),
            rs.getTimestamp(4).toInstant(), rs.getString(5)), encounterId);
  }

  private static List<String> statuses(String encounterId) {
    return planned(encounterId).stream().map(Planned::status).toList();
  }

  private static List<String> plannedItems(String encounterId) {
    return planned(encounterId).stream().filter(p -> p.content() != null)
        .flatMap(p -> List.of(p.content().split("\n")).stream())
        .map(ref -> ref.substring(0, ref.lastIndexOf('#'))).distinct().toList();
  }

  private static List<Planned> awaitPlanned(String encounterId, int count) {
    Await.until(count + " planned follow-up(s) for Encounter/" + encounterId, WAIT,
        () -> planned(encounterId).size() == count);
    return planned(encounterId);
  }

  private static List<Communication> awaitFollowUps(String patientId, int count) {
    Await.until(count + " follow-up(s) for Patient/" + patientId, WAIT,
        () -> fixtures.communicationsFor(patientId, FOLLOW_UP).size() == count);
    return fixtures.communicationsFor(patientId, FOLLOW_UP);
  }
}
