package health.careloop.summaries.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.CareLoopFhir;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CareTeam;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * End to end against the sandbox EHR (a real HAPI FHIR JPA server): referrals are ServiceRequests
 * made through its FHIR API, the sweep runs at its daily time as CareLoop's {@code MutableClock}
 * reaches it, and the Tasks appear in the EHR. Nothing sleeps.
 */
class ReferralTaskIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ZoneId CLINIC = ZoneId.of("Europe/London");
  private static final LocalTime SWEEP_TIME = LocalTime.of(7, 0);

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final IGenericClient client = ehr.client();
  private static final EhrFixtures fixtures = new EhrFixtures(client);
  private static final String BOOKING_TEAM = "CareTeam/"
      + client.create().resource(new CareTeam().setName("Referral booking")).execute().getId().getIdPart();

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
      "careloop.referrals.enabled", "true",
      "careloop.referrals.owner", BOOKING_TEAM,
      // One referral per page of the EHR's results: every sweep here follows next links.
      "careloop.referrals.page-size", "1",
      "careloop.referrals.sweep.daily-at", SWEEP_TIME.toString(),
      "careloop.referrals.sweep.time-zone", CLINIC.getId()));

  @Test
  void anOverdueUnbookedReferral_getsExactlyOneTask_afterTwoSweepsAndARestart_aYoungOrBookedOneNone() {
    Instant sweep = nextSweep();
    String patient = fixtures.patient("Ada", "en", null);
    String overdue = referral(patient, sweep.minus(Duration.ofDays(4)));
    String young = referral(fixtures.patient("Ben", "en", null), sweep.minus(Duration.ofDays(1)));
    String bookedPatient = fixtures.patient("Cy", "en", null);
    String booked = referral(bookedPatient, sweep.minus(Duration.ofDays(4)));
    bookFor(bookedPatient, booked);

    careLoop.advanceClockTo(sweep);

    Task task = careLoopsTasks(overdue).get(0);
    assertThat(careLoopsTasks(overdue)).hasSize(1);
    assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
    assertThat(task.getIntent()).isEqualTo(Task.TaskIntent.ORDER);
    assertThat(task.getFocus().getReference()).isEqualTo("ServiceRequest/" + overdue);
    assertThat(task.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/" + overdue);
    assertThat(task.getFor().getReference()).isEqualTo("Patient/" + patient);
    assertThat(task.getOwner().getReference()).isEqualTo(BOOKING_TEAM);
    assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo("book-referral");
    assertThat(task.getDescription()).isEqualTo("Referral not booked after 3 days");
    CareLoopProfileValidator.get().assertValid(task);
    assertThat(careLoopsTasks(young)).as("a referral of a day ago").isEmpty();
    assertThat(careLoopsTasks(booked)).as("a referral with a booked appointment").isEmpty();

    careLoop.restart();
    careLoop.advanceClockTo(sweep.plus(Duration.ofDays(1)));

    assertThat(careLoopsTasks(overdue)).as("the next day, after a restart: still the one Task").hasSize(1);
    assertThat(jdbc().queryForList("select task_id from referral_task where referral_id = ?", String.class, overdue))
        .containsExactly("Task/" + task.getIdElement().getIdPart());
    assertThat(careLoopsTasks(young)).as("two days old now: not yet").isEmpty();
    assertThat(careLoopsTasks(booked)).isEmpty();
  }

  @Test
  void aSweepThatCrashedBeforeRecordingItsTask_findsTheSameTaskInTheEhr_notASecondOne() {
    Instant sweep = nextSweep();
    String referral = referral(fixtures.patient("Dee", "en", null), sweep.minus(Duration.ofDays(5)));
    careLoop.advanceClockTo(sweep);
    String taskId = careLoopsTasks(referral).get(0).getIdElement().toUnqualifiedVersionless().getValue();

    // As if CareLoop (or another replica) had died between the EHR's write and its own record.
    jdbc().update("delete from referral_task where referral_id = ?", referral);
    careLoop.advanceClockTo(sweep.plus(Duration.ofDays(1)));

    assertThat(careLoopsTasks(referral)).hasSize(1);
    assertThat(jdbc().queryForList("select task_id from referral_task where referral_id = ?", String.class, referral))
        .containsExactly(taskId);
  }

  @Test
  void bookingAnAppointmentBasedOnTheReferral_completesCareLoopsTaskPromptly_neverAStaffTask() {
    Instant sweep = nextSweep();
    String patient = fixtures.patient("Eve", "en", null);
    String referral = referral(patient, sweep.minus(Duration.ofDays(4)));
    String staffTaskId = client.create().resource(staffTask(patient, referral)).execute().getId().getIdPart();
    careLoop.advanceClockTo(sweep);
    assertThat(careLoopsTasks(referral)).singleElement()
        .satisfies(t -> assertThat(t.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED));

    bookFor(patient, referral); // the EHR notifies CareLoop; no sweep, no clock move

    Task completed = Await.value("CareLoop's Task completed", WAIT, () -> careLoopsTasks(referral).stream()
        .filter(t -> t.getStatus() == Task.TaskStatus.COMPLETED).findFirst().orElse(null));
    assertThat(completed.getStatusReason().getText()).isEqualTo("An appointment based on the referral is booked");
    CareLoopProfileValidator.get().assertValid(completed);
    assertThat(jdbc().queryForObject("select status from referral_task where referral_id = ?", String.class, referral))
        .isEqualTo("completed");
    Task staffs = client.read().resource(Task.class).withId(staffTaskId).execute();
    assertThat(staffs.getStatus()).as("the staff's own Task on the referral").isEqualTo(Task.TaskStatus.REQUESTED);
    assertThat(staffs.getMeta().getVersionId()).isEqualTo("1");

    careLoop.advanceClockTo(sweep.plus(Duration.ofDays(1)));
    assertThat(careLoopsTasks(referral)).as("closed is closed: no new Task").singleElement()
        .satisfies(t -> assertThat(t.getStatus()).isEqualTo(Task.TaskStatus.COMPLETED));
    assertThat(client.read().resource(Task.class).withId(staffTaskId).execute().getMeta().getVersionId()).isEqualTo("1");
  }

  @Test
  void aRevokedReferral_getsCareLoopsTaskCancelled_atTheNextSweep() {
    Instant sweep = nextSweep();
    String referral = referral(fixtures.patient("Flo", "en", null), sweep.minus(Duration.ofDays(4)));
    careLoop.advanceClockTo(sweep);
    assertThat(careLoopsTasks(referral)).hasSize(1);

    ServiceRequest withdrawn = client.read().resource(ServiceRequest.class).withId(referral).execute();
    withdrawn.setStatus(ServiceRequest.ServiceRequestStatus.REVOKED);
    client.update().resource(withdrawn).execute();
    careLoop.advanceClockTo(sweep.plus(Duration.ofDays(1)));

    Task cancelled = careLoopsTasks(referral).get(0);
    assertThat(cancelled.getStatus()).isEqualTo(Task.TaskStatus.CANCELLED);
    assertThat(cancelled.getStatusReason().getText()).isEqualTo("The referral is revoked");
    CareLoopProfileValidator.get().assertValid(cancelled);
    assertThat(jdbc().queryForObject("select status from referral_task where referral_id = ?", String.class, referral))
        .isEqualTo("cancelled");
  }

  @Test
  void theFacade_listsCareLoopsReferralTasks_bySearch_andRefusesWhatItCannotAnswer() throws Exception {
    Instant sweep = nextSweep();
    String patient = fixtures.patient("Gus", "en", null);
    String referral = referral(patient, sweep.minus(Duration.ofDays(6)));
    careLoop.advanceClockTo(sweep);
    assertThat(careLoopsTasks(referral)).hasSize(1);
    IGenericClient facade = careLoop.clientFor(careLoop.fhirBaseUrl());

    Bundle byFocus = facade.search().byUrl("Task?focus=ServiceRequest/" + referral).returnBundle(Bundle.class).execute();
    assertThat(byFocus.getEntry()).hasSize(1);
    Task listed = (Task) byFocus.getEntryFirstRep().getResource();
    assertThat(listed.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
    assertThat(listed.getIdentifierFirstRep().getValue()).isEqualTo("ServiceRequest/" + referral);
    assertThat(listed.getFocus().getReference()).isEqualTo(ehr.baseUrl() + "/ServiceRequest/" + referral);
    assertThat(listed.getFor().getReference()).isEqualTo(ehr.baseUrl() + "/Patient/" + patient);
    CareLoopProfileValidator.get().assertValid(listed);
    assertThat(facade.read().resource(Task.class).withId(listed.getIdElement().getIdPart()).execute()
        .getIdentifierFirstRep().getValue()).isEqualTo("ServiceRequest/" + referral);
    assertThat(search(facade, "Task?patient=Patient/" + patient + "&status=requested")).hasSize(1);
    assertThat(search(facade, "Task?patient=" + patient + "&status=completed")).isEmpty();
    assertThat(search(facade, "Task?patient=" + patient + "&_lastUpdated=ge"
        + sweep.minus(Duration.ofMinutes(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS))).hasSize(1);
    assertThat(search(facade, "Task?patient=" + patient + "&_lastUpdated=lt"
        + sweep.minus(Duration.ofDays(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS))).isEmpty();

    for (String[] bad : new String[][] {
        {"colour=blue", "colour"}, {"_lastUpdated=yesterday", "CL-2003"}, {"_tag=x", "CL-2008"},
        {"status=booked", "CL-2040"}, {"focus=Appointment/1", "CL-2005"}, {"_sort=status", "CL-2008"}}) {
      java.net.http.HttpResponse<String> response = java.net.http.HttpClient.newHttpClient().send(
          careLoop.facadeRequest("/Task?" + bad[0])
              .header("Accept", "application/fhir+json").GET().build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).as(bad[0] + ": " + response.body()).isEqualTo(400);
      assertThat(response.body()).as(bad[0]).contains("OperationOutcome").contains(bad[1]);
    }

    CapabilityStatement capabilities = facade.capabilities().ofType(CapabilityStatement.class).execute();
    assertThat(capabilities.getRestFirstRep().getResource()).filteredOn(r -> r.getType().equals("Task")).singleElement()
        .satisfies(task -> {
          assertThat(task.getSearchParam()).extracting(p -> p.getName())
              .contains("status", "patient", "focus", "_lastUpdated");
          assertThat(task.getInteraction()).extracting(i -> i.getCode().toCode()).contains("read", "search-type")
              .doesNotContain("create", "update", "delete");
        });
  }

  // --- helpers ---

  private static List<Bundle.BundleEntryComponent> search(IGenericClient facade, String query) {
    return facade.search().byUrl(query).returnBundle(Bundle.class).execute().getEntry();
  }

  /** The next daily sweep time after CareLoop's now, a second past it. */
  private static Instant nextSweep() {
    ZonedDateTime now = careLoop.clock().instant().atZone(CLINIC);
    ZonedDateTime today = now.with(SWEEP_TIME);
    return (today.isAfter(now) ? today : today.plusDays(1)).toInstant().plusSeconds(1);
  }

  /** An active referral, as a clinician would sign it in the EHR. */
  private static String referral(String patientId, Instant authoredOn) {
    ServiceRequest request = new ServiceRequest();
    request.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
    request.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
    request.addCategory().addCoding().setSystem("http://snomed.info/sct").setCode("3457005").setDisplay("Patient referral");
    request.setSubject(new Reference("Patient/" + patientId));
    request.setAuthoredOn(Date.from(authoredOn));
    return client.create().resource(request).execute().getId().getIdPart();
  }

  private static void bookFor(String patientId, String referralId) {
    Appointment appointment = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(10)));
    appointment.addBasedOn(new Reference("ServiceRequest/" + referralId));
    fixtures.update(appointment);
  }

  /** A Task a member of staff made on the referral, by hand: no CareLoop identifier. */
  private static Task staffTask(String patientId, String referralId) {
    Task task = new Task();
    task.setStatus(Task.TaskStatus.REQUESTED);
    task.setIntent(Task.TaskIntent.ORDER);
    task.setDescription("Call the patient about their referral");
    task.setFocus(new Reference("ServiceRequest/" + referralId));
    task.addBasedOn(new Reference("ServiceRequest/" + referralId));
    task.setFor(new Reference("Patient/" + patientId));
    return task;
  }

  /** CareLoop's Tasks for a referral in the EHR, by CareLoop's identifier. */
  private static List<Task> careLoopsTasks(String referralId) {
    return client.search().forResource(Task.class)
        .where(Task.IDENTIFIER.exactly().systemAndIdentifier(CareLoopFhir.REFERRAL_TASK_IDENTIFIER_SYSTEM,
            "ServiceRequest/" + referralId))
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute()
        .getEntry().stream().map(e -> (Task) e.getResource()).toList();
  }

  private static JdbcTemplate jdbc() {
    return careLoop.bean(JdbcTemplate.class);
  }
}
