package health.careloop.intake;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Notifications without a payload (a rest-hook Subscription with {@code channel.payload} empty, or an
 * EHR that sends only the id): CareLoop reads the resource from the real sandbox EHR and goes on as
 * if the EHR had sent it. CareLoop's own Subscriptions here match nothing and the catch-up is off, so
 * what CareLoop knows of these Appointments it learnt through the id-only notifications alone.
 */
class IdOnlyNotificationIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  /** CareLoop's own Subscriptions match nothing and its scheduled catch-up is off: it learns only what a test tells it. */
  static final Map<String, Object> TOLD_BY_THE_TEST_ONLY = Map.of(
      "careloop.subscriptions.appointment-criteria", "Appointment?identifier=urn:careloop:test|matches-nothing",
      "careloop.subscriptions.encounter-criteria", "Encounter?identifier=urn:careloop:test|matches-nothing",
      "careloop.catch-up.enabled", "false");

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, TOLD_BY_THE_TEST_ONLY);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anIdOnlyPut_isReadFromTheEhr_storedAsTheEhrHoldsIt_andPlannedFrom() throws Exception {
    String patient = fixtures.patient("Idris", "en", null);
    Appointment appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String id = appointment.getIdElement().getIdPart();

    HttpResponse<String> response = notify("PUT", "/Appointment/" + id);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).isEqualTo("Accepted Appointment/" + id + "/_history/1");
    assertThat(careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from inbox_event where resource_id = ? and version_id = '1'", Integer.class, id)).isEqualTo(1);
    Await.until("2 reminders pending", WAIT, () -> reminders(id).stream()
        .filter(m -> m.status() == PlannedMessageStatus.PENDING).count() == 2);
  }

  @Test
  void anIdOnlyPost_andTheSameAgain_isOneDelivery() throws Exception {
    String patient = fixtures.patient("Ines", "en", null);
    String id = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(4))).getIdElement().getIdPart();

    HttpResponse<String> first = notify("POST", "/Appointment/" + id);
    HttpResponse<String> again = notify("POST", "/Appointment/" + id);

    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(outcome(again).getIssueFirstRep().getDiagnostics()).startsWith("Already received");
    assertThat(careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from inbox_event where resource_id = ?", Integer.class, id)).isEqualTo(1);
  }

  @Test
  void anAppointmentDeletedInTheEhr_hasItsPendingMessagesRevoked_asDeletedInTheEhr() throws Exception {
    String patient = fixtures.patient("Dara", "en", null);
    String id = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(5))).getIdElement().getIdPart();
    assertThat(notify("PUT", "/Appointment/" + id).statusCode()).isEqualTo(200);
    Await.until("2 reminders pending", WAIT, () -> reminders(id).stream()
        .filter(m -> m.status() == PlannedMessageStatus.PENDING).count() == 2);

    ehr.client().delete().resourceById("Appointment", id).execute();
    HttpResponse<String> response = notify("PUT", "/Appointment/" + id);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("deleted in the EHR");
    List<PlannedMessageView> reminders = reminders(id);
    assertThat(reminders).hasSize(2).allSatisfy(m -> {
      assertThat(m.status()).isEqualTo(PlannedMessageStatus.REVOKED);
      assertThat(m.statusReason()).contains("deleted in the EHR");
    });
  }

  @Test
  void anEncounterDeletedInTheEhr_hasItsPendingFollowUpsRevoked_asDeletedInTheEhr() throws Exception {
    String patient = fixtures.patient("Eamon", "en", "Europe/London");
    String fracture = fixtures.condition(patient, "http://hl7.org/fhir/sid/icd-10", "S52.5");
    Instant end = careLoop.clock().instant().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    String visit = fixtures.create(EhrFixtures.visit(patient, "finished", "AMB", end, fracture));
    assertThat(notify("POST", "/Encounter/" + visit).statusCode()).isEqualTo(200);
    Await.until("3 follow-ups pending", WAIT, () -> followUps(visit).stream()
        .filter(m -> m.status() == PlannedMessageStatus.PENDING).count() == 3);

    ehr.client().delete().resourceById("Encounter", visit).execute();
    HttpResponse<String> response = notify("POST", "/Encounter/" + visit);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(followUps(visit)).hasSize(3).allSatisfy(m -> {
      assertThat(m.status()).isEqualTo(PlannedMessageStatus.REVOKED);
      assertThat(m.statusReason()).isEqualTo("Encounter/" + visit + " deleted in the EHR");
    });
  }

  @Test
  void anIdOnlyNotification_ofAnAppointmentTheEhrNeverHeld_revokesNothing_andStoresNothing() throws Exception {
    HttpResponse<String> response = notify("PUT", "/Appointment/never-held-by-the-ehr");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(careLoop.planned("never-held-by-the-ehr")).isEmpty();
    assertThat(careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from inbox_event where resource_id = 'never-held-by-the-ehr'", Integer.class)).isZero();
  }

  /** A follow-up as CareLoop stores it. */
  record FollowUp(PlannedMessageStatus status, String statusReason) {}

  private static List<FollowUp> followUps(String encounterId) {
    return careLoop.bean(JdbcTemplate.class).query(
        "select status, status_reason from planned_message where encounter_id = ? and kind = ?",
        (rs, n) -> new FollowUp(PlannedMessageStatus.valueOf(rs.getString(1)), rs.getString(2)),
        encounterId, "followup-content");
  }

  private List<PlannedMessageView> reminders(String appointmentId) {
    return careLoop.planned(appointmentId, "appointment-reminder");
  }

  private HttpResponse<String> notify(String method, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(careLoop.hookBaseUrl() + path))
        .header("Authorization", "Bearer " + CareLoopInstance.SECRET)
        .method(method, HttpRequest.BodyPublishers.noBody()).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static OperationOutcome outcome(HttpResponse<String> response) {
    return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body());
  }
}
