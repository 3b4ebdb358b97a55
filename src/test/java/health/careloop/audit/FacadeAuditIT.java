package health.careloop.audit;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import health.careloop.support.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the façade records in the audit trail beyond reads and searches: a {@code $replay}, single
 * or bulk, commits with its entry or not at all (an entry that cannot be written undoes the
 * replay); and an attempted write, which the façade does not offer, is recorded as that attempt, by
 * its caller, refused.
 */
class FacadeAuditIT {

  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  private static final String REMINDER = "appointment-reminder";
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final HttpClient http = HttpClient.newHttpClient();

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
      "careloop.reminders.confirmation", "false"));

  @Test
  void aReplay_commitsWithItsAuditEntry_andAnEntryThatCannotBeWritten_undoesTheReplay() throws Exception {
    String patient = fixtures.patient("Replay" + SUFFIX, "en", null);
    PlannedMessageView parked = parkedReminders(patient).get(0);
    String path = "/CommunicationRequest/" + parked.id() + "/$replay";

    try (AutoCloseable blocked = entriesRefusedFor("blocked-" + SUFFIX)) {
      HttpResponse<String> failed = post(path, null, token("blocked-" + SUFFIX));
      assertThat(failed.statusCode()).as(failed.body()).isGreaterThanOrEqualTo(500);
    }
    assertThat(status(parked.id())).as("no entry, no replay").isEqualTo(PlannedMessageStatus.PARKED);

    HttpResponse<String> replayed = post(path, null, token("replayer-" + SUFFIX));

    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
    assertThat(status(parked.id())).isEqualTo(PlannedMessageStatus.PENDING);
    assertThat(replayEntries("replayer-" + SUFFIX)).singleElement().satisfies(event -> {
      assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
      assertThat(references(event)).containsExactly("CommunicationRequest/" + parked.id(), "Patient/" + patient);
    });
    assertThat(replayEntries("blocked-" + SUFFIX)).isEmpty();
  }

  @Test
  void aBulkReplay_commitsWithItsOneAuditEntry_namingEachRequestAndItsPatient_orNotAtAll() throws Exception {
    String patient = fixtures.patient("Bulk" + SUFFIX, "en", null);
    List<PlannedMessageView> parked = parkedReminders(patient);
    String body = FHIR.newJsonParser().encodeResourceToString(
        new Parameters().addParameter("patient", new StringType("Patient/" + patient)));

    try (AutoCloseable blocked = entriesRefusedFor("bulk-blocked-" + SUFFIX)) {
      HttpResponse<String> failed = post("/CommunicationRequest/$replay", body, token("bulk-blocked-" + SUFFIX));
      assertThat(failed.statusCode()).as(failed.body()).isGreaterThanOrEqualTo(500);
    }
    assertThat(parked).as("no entry, no replay of any")
        .allSatisfy(m -> assertThat(status(m.id())).isEqualTo(PlannedMessageStatus.PARKED));

    HttpResponse<String> replayed = post("/CommunicationRequest/$replay", body, token("bulk-" + SUFFIX));

    assertThat(replayed.statusCode()).as(replayed.body()).isEqualTo(200);
    assertThat(parked).allSatisfy(m -> assertThat(status(m.id())).isEqualTo(PlannedMessageStatus.PENDING));
    assertThat(replayEntries("bulk-" + SUFFIX)).singleElement().satisfies(event -> {
      assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
      assertThat(references(event)).containsExactlyInAnyOrder("CommunicationRequest/" + parked.get(0).id(),
          "CommunicationRequest/" + parked.get(1).id(), "Patient/" + patient);
      assertThat(event.getEntity()).filteredOn(e -> "Patient/".concat(patient).equals(e.getWhat().getReference()))
          .singleElement().satisfies(e -> assertThat(e.getRole().getCode()).as("role Patient").isEqualTo("1"));
    });
  }

  @Test
  void attemptedWrites_areRecordedAsTheAttempt_byTheirCaller_refused_withoutTheIdTheyNamed() throws Exception {
    String writer = "writer-" + SUFFIX;
    String resource = FHIR.newJsonParser().encodeResourceToString(new org.hl7.fhir.r4.model.CommunicationRequest()
        .setStatus(org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus.ACTIVE));

    List<HttpResponse<String>> answers = List.of(
        send("PUT", "/CommunicationRequest/some-id-" + SUFFIX, resource, token(writer)),
        send("POST", "/CommunicationRequest", resource, token(writer)),
        send("DELETE", "/Task/some-id-" + SUFFIX, null, token(writer)),
        send("PATCH", "/CommunicationRequest/some-id-" + SUFFIX, "[]", token(writer)),
        send("POST", "", FHIR.newJsonParser().encodeResourceToString(
            new Bundle().setType(Bundle.BundleType.TRANSACTION)), token(writer)));

    assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isBetween(400, 499));
    List<Map<String, Object>> entries = jdbc().queryForList("select interaction, resource_type, outcome, by_careloop"
        + " from audit_event where client_id = ?", writer);
    assertThat(entries).extracting(e -> e.get("interaction") + " " + e.get("resource_type") + " " + e.get("outcome"))
        .containsExactlyInAnyOrder("update CommunicationRequest 4", "create CommunicationRequest 4",
            "delete Task 4", "patch CommunicationRequest 4", "transaction null 4");
    assertThat(entries).allSatisfy(e -> assertThat(e.get("by_careloop")).isEqualTo(false));
    assertThat(jdbc().queryForObject("select count(*) from audit_entity where reference like ?", Integer.class,
        "%some-id-" + SUFFIX + "%")).as("the caller's id is not taken into the trail").isZero();

    // On the façade: the caller as the agent, not CareLoop (whose own creates and updates these are not).
    List<AuditEvent> events = auditEvents("?agent=" + writer);
    assertThat(events).hasSize(5).allSatisfy(event -> {
      assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(writer);
      assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
    });
    assertThat(events).extracting(e -> e.getAction().toCode()).contains("U", "C", "D");
  }

  @Test
  void anAttemptedWriteWithoutAToken_isRecordedToo_withoutAClient() throws Exception {
    String count = "select count(*) from audit_event where client_id is null and interaction = ? and resource_type = ?";
    int before = jdbc().queryForObject(count, Integer.class, "delete", "CommunicationRequest");

    HttpResponse<String> refused = send("DELETE", "/CommunicationRequest/some-id-" + SUFFIX, null, null);

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(jdbc().queryForObject(count, Integer.class, "delete", "CommunicationRequest")).isEqualTo(before + 1);
  }

  // --- helpers ---

  /** The patient's two reminders, planned, then parked as an EHR's refusal would park them. */
  private static List<PlannedMessageView> parkedReminders(String patient) {
    String appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(5)))
        .getIdElement().getIdPart();
    Await.until("the reminders planned", WAIT, () -> careLoop.planned(appointment, REMINDER).size() == 2);
    List<PlannedMessageView> reminders = careLoop.planned(appointment, REMINDER);
    reminders.forEach(m -> jdbc().update("update planned_message set status = 'PARKED',"
        + " status_reason = 'HTTP 422 (business-rule)' where id = ?", m.id()));
    return reminders;
  }

  /** Until closed, the database refuses the audit entries of this client (as a full disk or a lost connection would). */
  private static AutoCloseable entriesRefusedFor(String clientId) {
    String name = "ck_test_" + SUFFIX.replace('-', '_') + "_" + Math.abs(clientId.hashCode());
    jdbc().execute("alter table audit_event add constraint " + name
        + " check (client_id is null or client_id <> '" + clientId + "')");
    return () -> jdbc().execute("alter table audit_event drop constraint " + name);
  }

  private static PlannedMessageStatus status(String id) {
    return PlannedMessageStatus.valueOf(jdbc().queryForObject("select status from planned_message where id = ?",
        String.class, id));
  }

  private static List<AuditEvent> replayEntries(String clientId) throws Exception {
    return auditEvents("?agent=" + clientId).stream()
        .filter(e -> e.getSubtype().stream().anyMatch(c -> "$replay".equals(c.getCode()))).toList();
  }

  private static List<AuditEvent> auditEvents(String query) throws Exception {
    HttpResponse<String> found = send("GET", "/AuditEvent" + query + "&_count=100", null,
        TestTokens.token(List.of("system/AuditEvent.rs"), Map.of("client_id", "auditor-" + SUFFIX), Duration.ofHours(1)));
    assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
    return FHIR.newJsonParser().parseResource(Bundle.class, found.body()).getEntry().stream()
        .map(e -> (AuditEvent) e.getResource()).toList();
  }

  private static List<String> references(AuditEvent event) {
    return event.getEntity().stream().map(e -> e.getWhat().getReference()).toList();
  }

  private static String token(String clientId) {
    return TestTokens.token(TestTokens.ALL_SCOPES, Map.of("client_id", clientId), Duration.ofHours(1));
  }

  private static HttpResponse<String> post(String path, String body, String token) throws Exception {
    return send("POST", path, body, token);
  }

  private static HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(careLoop.fhirBaseUrl() + path))
        .header("Accept", "application/fhir+json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "PATCH".equals(method) ? "application/json-patch+json" : "application/fhir+json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JdbcTemplate jdbc() {
    return careLoop.bean(JdbcTemplate.class);
  }
}
