package health.careloop.intake;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What the EHR's notifications missed is found by searching it: the appointments booked before
 * CareLoop first ran (backfill) and those booked while it was down for longer than the EHR retries
 * a notification. Its own sandbox EHR: a backfill takes every appointment ahead that the EHR holds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CatchUpIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Longer than the sandbox EHR retries a notification (docs/sandbox-ehr.md). */
  private static final Duration OUTAGE = Duration.ofSeconds(90);
  private static final String CONFIRMATION = "appointment-confirmation";
  private static final String REMINDER = "appointment-reminder";

  private static SandboxEhr ehr;
  private static EhrFixtures fixtures;
  private static CareLoopInstance careLoop;

  private static String bookedBefore;
  private static String bookedBeforePatient;
  private static String cancelledBefore;
  private static String cancelledBeforePatient;
  private static String pastBefore;
  private static String pastBeforePatient;

  @BeforeAll
  static void anEhrWithAppointmentsBeforeCareLoopEverRan() {
    ehr = SandboxEhr.start(0, true);
    fixtures = new EhrFixtures(ehr.client());
    Instant now = Instant.now();
    bookedBeforePatient = fixtures.patient("Robin", "en", "Europe/London");
    bookedBefore = fixtures.book(bookedBeforePatient, null, now.plus(Duration.ofDays(5))).getIdElement().getIdPart();
    cancelledBeforePatient = fixtures.patient("Sam", "en", "Europe/London");
    cancelledBefore = fixtures.appointment(cancelledBeforePatient, null, now.plus(Duration.ofDays(6)),
        AppointmentStatus.CANCELLED).getIdElement().getIdPart();
    pastBeforePatient = fixtures.patient("Alex", "en", "Europe/London");
    pastBefore = fixtures.book(pastBeforePatient, null, now.minus(Duration.ofDays(1))).getIdElement().getIdPart();

    careLoop = CareLoopInstance.onSandbox(ehr, Map.of("careloop.catch-up.enabled", "true"));
    careLoop.beforeAll(null);
  }

  @AfterAll
  static void stop() {
    if (careLoop != null) {
      careLoop.close();
    }
    if (ehr != null) {
      ehr.close();
    }
  }

  @Test
  @Order(1)
  void firstStart_backfillsTheAppointmentsAhead_asThePresentState() {
    Await.until("the appointment booked before go-live is confirmed", WAIT,
        () -> fixtures.communicationsFor(bookedBeforePatient, CONFIRMATION).size() == 1);
    assertThat(careLoop.planned(bookedBefore, REMINDER)).as("its reminders still ahead").hasSize(2);

    assertThat(careLoop.planned(cancelledBefore)).as("cancelled before CareLoop ever had it as booked").isEmpty();
    assertThat(careLoop.planned(pastBefore)).as("already over").isEmpty();
    assertThat(fixtures.communicationsFor(cancelledBeforePatient)).isEmpty();
    assertThat(fixtures.communicationsFor(pastBeforePatient)).isEmpty();
  }

  @Test
  @Order(2)
  void catchingUpAgain_changesNothing() {
    CatchUp catchUp = careLoop.bean(CatchUp.class);
    // The backfill took appointments ahead only: this first search by lastUpdated may also store
    // the one already over (it plans nothing).
    catchUp.catchUp(Optional.empty());
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(1));
    List<PlannedMessageView> before = careLoop.planned(bookedBefore);

    CatchUp.Result again = catchUp.catchUp(Optional.empty());
    CatchUp.Result fromLongAgo = catchUp.catchUp(Optional.of(Instant.now().minus(Duration.ofDays(1))));
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(1));

    assertThat(again.accepted()).isZero();
    assertThat(fromLongAgo.found()).as("everything in the EHR, found again").isGreaterThanOrEqualTo(3);
    assertThat(fromLongAgo.accepted()).isZero();
    assertThat(careLoop.planned(bookedBefore)).isEqualTo(before);
    assertThat(careLoop.planned(cancelledBefore)).isEmpty();
    assertThat(careLoop.planned(pastBefore)).isEmpty();
    assertThat(fixtures.communicationsFor(bookedBeforePatient, CONFIRMATION)).hasSize(1);
  }

  @Test
  @Order(3)
  void appointmentsBookedAndVisitsFinishedWhileCareLoopWasDown_arePlannedWhenItIsBack_andConfirmedOnce() throws InterruptedException {
    careLoop.stop();
    Instant start = Instant.now().plus(Duration.ofDays(4));
    List<String> patients = IntStream.range(0, 3)
        .mapToObj(i -> fixtures.patient("Kim" + i, "en", "Europe/London")).toList();
    List<String> appointments = patients.stream()
        .map(p -> fixtures.book(p, null, start).getIdElement().getIdPart()).toList();
    // A visit that finished meanwhile: its follow-up is planned too, once CareLoop is back.
    String visitPatient = fixtures.patient("Noa", "en", "Europe/London");
    String fracture = fixtures.condition(visitPatient, "http://hl7.org/fhir/sid/icd-10", "S52.5");
    String visit = fixtures.create(EhrFixtures.visit(visitPatient, "finished", "AMB",
        careLoop.clock().instant().minus(Duration.ofHours(1)), fracture));
    // The EHR retries a failed delivery for about a minute, to the endpoint its Subscription names
    // then (a CareLoop back sooner gets them: not this test), and then drops it for good.
    Thread.sleep(OUTAGE.toMillis());

    careLoop.startAgain();

    for (int i = 0; i < appointments.size(); i++) {
      String patient = patients.get(i);
      Await.until("Appointment/" + appointments.get(i) + " is confirmed", WAIT,
          () -> fixtures.communicationsFor(patient, CONFIRMATION).size() == 1);
    }
    Await.until("the follow-ups of Encounter/" + visit + " are planned", WAIT,
        () -> followUpsPlannedFor(visit) > 0);
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(1));
    for (int i = 0; i < appointments.size(); i++) {
      assertThat(fixtures.communicationsFor(patients.get(i), CONFIRMATION)).as("confirmed exactly once").hasSize(1);
      assertThat(careLoop.planned(appointments.get(i), CONFIRMATION)).hasSize(1);
      assertThat(careLoop.planned(appointments.get(i), REMINDER)).hasSize(2);
    }
  }

  @Test
  @Order(4)
  void syncOperation_catchesUpNow_andRefusesABadSince() throws Exception {
    HttpResponse<String> bad = sync("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"since\",\"valueInstant\":\"yesterday\"}]}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("OperationOutcome");

    HttpResponse<String> future = sync("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"since\",\"valueInstant\":\""
        + Instant.now().plus(Duration.ofDays(1)) + "\"}]}");
    assertThat(future.statusCode()).isEqualTo(400);
    assertThat(future.body()).contains("CL-2031");

    HttpResponse<String> ok = sync("{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"since\",\"valueInstant\":\""
        + Instant.now().minus(Duration.ofDays(1)) + "\"}]}");
    assertThat(ok.statusCode()).isEqualTo(200);
    Parameters answer = FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class, ok.body());
    assertThat(((IntegerType) answer.getParameter("found").getValue()).getValue()).isGreaterThanOrEqualTo(6);
    assertThat(((IntegerType) answer.getParameter("accepted").getValue()).getValue()).as("all received before").isZero();
  }

  private static int followUpsPlannedFor(String encounterId) {
    return careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from planned_message where encounter_id = ? and kind = 'followup-content'",
        Integer.class, encounterId);
  }

  private static HttpResponse<String> sync(String parameters) throws Exception {
    HttpRequest request = careLoop.facadeRequest("/$sync")
        .header("Content-Type", "application/fhir+json")
        .POST(HttpRequest.BodyPublishers.ofString(parameters)).build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }
}
