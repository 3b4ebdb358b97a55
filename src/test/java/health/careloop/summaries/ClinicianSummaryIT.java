package health.careloop.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The clinician summary end to end against a real HAPI FHIR JPA server as the EHR: a visit finishes
 * in the EHR, its Subscription tells CareLoop, and the responsible clinician's summary of the
 * patient's open work appears in the EHR, read from it when written.
 */
class ClinicianSummaryIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String SUMMARY = "clinician-task-summary";
  private static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final IGenericClient client = ehr.client();
  private static final EhrFixtures fixtures = new EhrFixtures(client);

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of());

  @Test
  void aFinishedVisit_withAReferralUnbookedForFiveDays_getsItsPrimaryPerformerAnUrgentSummary_once() {
    String patient = fixtures.patient("Kim", "en", "Europe/London");
    String doctor = practitioner("Moreau");
    String nurse = practitioner("Lindqvist");
    String referral = referral(patient, careLoop.clock().instant().minus(Duration.ofDays(5)));
    Encounter visit = EhrFixtures.visit(patient, "finished", "AMB", careLoop.clock().instant().minus(Duration.ofMinutes(5)));
    visit.addParticipant().addType(new CodeableConcept(new Coding(PARTICIPATION, "PPRF", null)))
        .setIndividual(new Reference("Practitioner/" + doctor));
    visit.addParticipant().addType(new CodeableConcept(new Coding(PARTICIPATION, "CON", null)))
        .setIndividual(new Reference("Practitioner/" + nurse));
    String id = fixtures.create(visit);

    Await.until("the doctor's summary is in the EHR", WAIT, () -> summariesFor(patient).size() == 1);
    Communication summary = summariesFor(patient).get(0);
    assertThat(summary.getRecipient()).extracting(Reference::getReference).containsExactly("Practitioner/" + doctor);
    assertThat(summary.getPriority()).isEqualTo(Communication.CommunicationPriority.URGENT);
    assertThat(summary.getEncounter().getReference()).isEqualTo("Encounter/" + id);
    assertThat(summary.getAbout()).extracting(Reference::getReference).contains("ServiceRequest/" + referral);
    assertThat(summary.getMedium()).isEmpty();
    assertThat(CareLoopProfileValidator.get().errors(summary)).isEmpty();

    // The EHR notifies the same visit again (a correction): no second summary.
    fixtures.update(fixtures.readEncounter(id).setServiceProvider(null));
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(60));
    assertThat(summariesFor(patient)).hasSize(1);
  }

  @Test
  void aFinishedVisit_withNothingOverdue_getsNoSeparateSummary_andThePlanSaysWhy() {
    String patient = fixtures.patient("Lee", "en", "Europe/London");
    String doctor = practitioner("Reyes");
    referral(patient, careLoop.clock().instant().minus(Duration.ofHours(3)));
    Encounter visit = EhrFixtures.visit(patient, "finished", "AMB", careLoop.clock().instant().minus(Duration.ofMinutes(5)));
    visit.addParticipant().addType(new CodeableConcept(new Coding(PARTICIPATION, "ATND", null)))
        .setIndividual(new Reference("Practitioner/" + doctor));
    String id = fixtures.create(visit);

    Await.until("the summary is decided", WAIT, () -> "SKIPPED".equals(status(id)));
    assertThat(reason(id)).contains("nothing overdue");
    assertThat(summariesFor(patient)).isEmpty();
  }

  /**
   * The repeat budget (careloop.summaries.repeat-after, P7D by default): an overdue referral told to
   * the doctor at one visit is left out of the summary of the next visit within the week, and named in
   * the note the façade shows; a visit with nothing new gets no summary at all, and the plan says
   * why; a week later the referral is told again.
   */
  @Test
  void theSameOpenItem_isNotRepeatedToTheSameClinician_withinTheWindow_andIsToldAgainAfterIt() {
    String patient = fixtures.patient("Ortiz", "en", "Europe/London");
    String doctor = practitioner("Haddad");
    String referral = referral(patient, careLoop.clock().instant().minus(Duration.ofDays(5)));

    String first = fixtures.create(visitWith(patient, doctor));
    Await.until("the first summary is in the EHR", WAIT, () -> summariesFor(patient).size() == 1);
    assertThat(summariesFor(patient).get(0).getAbout()).extracting(Reference::getReference)
        .contains("ServiceRequest/" + referral);

    // A day later a new Task is overdue, and another visit with the same doctor finishes.
    careLoop.advanceClockTo(careLoop.clock().instant().plus(Duration.ofDays(1)));
    String task = overdueTask(patient, careLoop.clock().instant().minus(Duration.ofHours(2)));
    String second = fixtures.create(visitWith(patient, doctor));
    Await.until("the second summary is in the EHR", WAIT, () -> summariesFor(patient).size() == 2);
    Communication secondSummary = summaryOf(patient, second);
    assertThat(secondSummary.getAbout()).extracting(Reference::getReference)
        .contains("Task/" + task).doesNotContain("ServiceRequest/" + referral);
    assertThat(secondSummary.getPayloadFirstRep().getContentStringType().getValue())
        .contains("not repeated: [ServiceRequest/" + referral + "]");
    CommunicationRequest shown = facade().read().resource(CommunicationRequest.class)
        .withId(plannedId(second)).execute();
    assertThat(shown.getStatus()).isEqualTo(CommunicationRequest.CommunicationRequestStatus.COMPLETED);
    assertThat(shown.getNote()).anySatisfy(note -> assertThat(note.getText())
        .contains("Not repeated").contains("ServiceRequest/" + referral).doesNotContain("Task/" + task));

    // Within the week again, nothing new: no summary, and the façade says which items were left out.
    careLoop.advanceClockTo(careLoop.clock().instant().plus(Duration.ofHours(1)));
    String third = fixtures.create(visitWith(patient, doctor));
    Await.until("the third summary is decided", WAIT, () -> "SKIPPED".equals(status(third)));
    assertThat(summariesFor(patient)).hasSize(2);
    CommunicationRequest skipped = facade().read().resource(CommunicationRequest.class)
        .withId(plannedId(third)).execute();
    assertThat(skipped.getStatus()).isEqualTo(CommunicationRequest.CommunicationRequestStatus.REVOKED);
    assertThat(skipped.getStatusReason().getText()).contains("nothing new")
        .contains("ServiceRequest/" + referral).contains("Task/" + task);

    // Past the week since the first: the referral is told again (the Task, told a day later, not yet).
    careLoop.advanceClockTo(careLoop.clock().instant().plus(Duration.ofDays(6)));
    String fourth = fixtures.create(visitWith(patient, doctor));
    Await.until("the fourth summary is in the EHR", WAIT, () -> summariesFor(patient).size() == 3);
    assertThat(summaryOf(patient, fourth).getAbout()).extracting(Reference::getReference)
        .contains("ServiceRequest/" + referral).doesNotContain("Task/" + task);
    assertThat(first).isNotEqualTo(fourth);
  }

  /**
   * Version 3 (entered in error) reaches CareLoop before version 2 (finished): the late version 2
   * must not plan a summary for a visit that no longer stands.
   */
  @Test
  void anOlderFinishedVersion_arrivingAfterANewerEnteredInErrorOne_plansNoSummary() throws Exception {
    String patient = fixtures.patient("Voss", "en", "Europe/London");
    String doctor = practitioner("Nakamura");
    referral(patient, careLoop.clock().instant().minus(Duration.ofDays(5)));
    Encounter v1 = visitWith(patient, doctor).setStatus(Encounter.EncounterStatus.INPROGRESS);
    String id = fixtures.create(v1);

    Encounter v3 = fixtures.readEncounter(id).setStatus(Encounter.EncounterStatus.ENTEREDINERROR);
    v3.getMeta().setVersionId("3").setLastUpdated(Date.from(Instant.now().plus(Duration.ofHours(1))));
    assertThat(careLoop.deliver(v3).statusCode()).isEqualTo(200);
    Await.until("version 3 is processed", WAIT, () -> processed(id, "3"));

    fixtures.update(fixtures.readEncounter(id).setStatus(Encounter.EncounterStatus.FINISHED));
    Await.until("version 2 is processed", WAIT, () -> processed(id, "2"));
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(5));

    assertThat(status(id)).as("no summary planned from the late version 2").isNull();
    assertThat(summariesFor(patient)).isEmpty();
  }

  private static boolean processed(String encounterId, String versionId) {
    return careLoop.bean(JdbcTemplate.class).queryForList(
        "select outcome from inbox_event where resource_id = ? and version_id = ?", String.class, encounterId, versionId)
        .equals(List.of("PROCESSED"));
  }

  private static Encounter visitWith(String patient, String doctor) {
    Encounter visit = EhrFixtures.visit(patient, "finished", "AMB", careLoop.clock().instant().minus(Duration.ofMinutes(5)));
    visit.addParticipant().addType(new CodeableConcept(new Coding(PARTICIPATION, "PPRF", null)))
        .setIndividual(new Reference("Practitioner/" + doctor));
    return visit;
  }

  private static String overdueTask(String patientId, Instant due) {
    Task task = new Task();
    task.setStatus(Task.TaskStatus.REQUESTED);
    task.setIntent(Task.TaskIntent.ORDER);
    task.setDescription("Call the patient back");
    task.setFor(new Reference("Patient/" + patientId));
    task.getRestriction().getPeriod().setEnd(Date.from(due));
    return client.create().resource(task).execute().getId().getIdPart();
  }

  private static Communication summaryOf(String patientId, String encounterId) {
    return summariesFor(patientId).stream()
        .filter(c -> c.getEncounter().getReference().equals("Encounter/" + encounterId)).findFirst().orElseThrow();
  }

  private static IGenericClient facade() {
    return careLoop.clientFor(careLoop.fhirBaseUrl());
  }

  private static String plannedId(String encounterId) {
    return careLoop.bean(JdbcTemplate.class).queryForObject(
        "select id from planned_message where encounter_id = ? and kind = ?", String.class, encounterId, SUMMARY);
  }

  private static String practitioner(String family) {
    Practitioner p = new Practitioner();
    p.addName(new HumanName().setFamily(family));
    return client.create().resource(p).execute().getId().getIdPart();
  }

  private static String referral(String patientId, Instant authored) {
    ServiceRequest referral = new ServiceRequest();
    referral.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
    referral.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
    referral.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "3457005", "Patient referral")));
    referral.setCode(new CodeableConcept().setText("Fracture clinic"));
    referral.setSubject(new Reference("Patient/" + patientId));
    referral.setAuthoredOn(Date.from(authored));
    return client.create().resource(referral).execute().getId().getIdPart();
  }

  private static List<Communication> summariesFor(String patientId) {
    return fixtures.communicationsFor(patientId, SUMMARY);
  }

  private static String status(String encounterId) {
    List<String> statuses = careLoop.bean(JdbcTemplate.class).queryForList(
        "select status from planned_message where encounter_id = ? and kind = ?", String.class, encounterId, SUMMARY);
    return statuses.isEmpty() ? null : statuses.get(0);
  }

  private static String reason(String encounterId) {
    return careLoop.bean(JdbcTemplate.class).queryForObject(
        "select status_reason from planned_message where encounter_id = ? and kind = ?", String.class, encounterId, SUMMARY);
  }
}
