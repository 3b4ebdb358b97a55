package health.careloop.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.audit.AuditInteraction;
import health.careloop.audit.AuditOutcome;
import health.careloop.audit.AuditQuery;
import health.careloop.audit.AuditRecord;
import health.careloop.audit.AuditTrail;
import health.careloop.audit.AuditedEntity;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import health.careloop.support.TestAuthorizationServer;
import health.careloop.support.TestAuthorizationServer.Client;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The audit trail end to end, with the sandbox EHR and tokens from a real authorization server: a
 * confirmation CareLoop writes, a client's search of the façade and a refusal are each an
 * AuditEvent; only an auditor's scope reads them, filtered by patient, date and client; entries
 * older than the retention are purged; and no stored entry holds a name, a phone number or the
 * message's text.
 */
class AuditTrailIT {

  private static final String AUDIENCE = "careloop-audit-it";
  private static final String SUFFIX = UUID.randomUUID().toString().substring(0, 8);
  private static final String GIVEN = "Audra" + SUFFIX;
  private static final Client READER = Client.of("plan-reader-" + SUFFIX, AUDIENCE,
      "system/CommunicationRequest.rs", "system/*.rs", "careloop/replay");
  private static final Client AUDITOR = Client.of("auditor-" + SUFFIX, AUDIENCE, "system/AuditEvent.rs");

  private static final TestAuthorizationServer authorizationServer =
      TestAuthorizationServer.start(0, List.of(READER, AUDITOR));
  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final HttpClient http = HttpClient.newHttpClient();

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, properties());

  private static String patientId;
  private static String appointmentId;
  private static Communication confirmation;

  private static Map<String, Object> properties() {
    return new HashMap<>(authorizationServer.careLoopProperties(AUDIENCE));
  }

  @BeforeAll
  static void aConfirmationSent() {
    patientId = fixtures.patient(GIVEN, "en", null);
    appointmentId = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();
    confirmation = Await.value("the confirmation in the EHR", Duration.ofSeconds(60),
        () -> fixtures.communicationsFor(patientId, "appointment-confirmation").stream().findFirst().orElse(null));
  }

  @AfterAll
  static void stopAuthorizationServer() {
    authorizationServer.close();
  }

  @Test
  void aConfirmationSent_isAnAuditEventOfTheCommunicationsCreate_byCareLoop_aboutThePatient() {
    String auditor = authorizationServer.token(AUDITOR, "system/AuditEvent.rs");
    String communication = "Communication/" + confirmation.getIdElement().getIdPart();

    AuditEvent created = Await.value("the create's AuditEvent", Duration.ofSeconds(30), () ->
        events(get("/AuditEvent?patient=Patient/" + patientId + "&_count=100", auditor)).stream()
            .filter(e -> e.getSubtypeFirstRep().getCode().equals("create")
                && e.getEntityFirstRep().getWhat().getReference().startsWith("Communication/")).findFirst().orElse(null));

    assertThat(created.getType().getCode()).isEqualTo("rest");
    assertThat(created.getAction()).isEqualTo(AuditEvent.AuditEventAction.C);
    assertThat(created.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
    assertThat(created.getAgentFirstRep().getWho().getDisplay()).isEqualTo("CareLoop");
    assertThat(created.getEntity()).extracting(e -> e.getWhat().getReference())
        .containsExactly(communication, "Patient/" + patientId);
    assertThat(created.getEntity().get(1).getRole().getCode()).as("role Patient").isEqualTo("1");
  }

  /** CareLoop's plans are resources it writes too: made, and withdrawn when the appointment is cancelled. */
  @Test
  void thePlansCareLoopMakesAndWithdraws_areInTheTrail_asCommunicationRequestCreatesAndUpdates() {
    String auditor = authorizationServer.token(AUDITOR, "system/AuditEvent.rs");
    String patient = fixtures.patient("Plan", "en", null);
    Appointment booked = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(5)));
    String appointment = booked.getIdElement().getIdPart();
    Await.until("the reminders planned", Duration.ofSeconds(60),
        () -> careLoop.planned(appointment, "appointment-reminder").size() == 2);
    List<String> reminders = careLoop.planned(appointment, "appointment-reminder").stream()
        .map(m -> "CommunicationRequest/" + m.id()).toList();

    AuditEvent planned = Await.value("the plans' AuditEvent", Duration.ofSeconds(30), () ->
        events(get("/AuditEvent?patient=Patient/" + patient + "&_count=100", auditor)).stream()
            .filter(e -> e.getSubtypeFirstRep().getCode().equals("create") && references(e).containsAll(reminders))
            .findFirst().orElse(null));
    assertThat(planned.getAgentFirstRep().getWho().getDisplay()).isEqualTo("CareLoop");
    assertThat(references(planned)).contains("Patient/" + patient).allMatch(
        r -> r.startsWith("CommunicationRequest/") || r.equals("Patient/" + patient));

    Appointment cancelled = fixtures.read(appointment);
    cancelled.setStatus(Appointment.AppointmentStatus.CANCELLED);
    fixtures.update(cancelled);
    AuditEvent withdrawn = Await.value("the withdrawal's AuditEvent", Duration.ofSeconds(60), () ->
        events(get("/AuditEvent?patient=Patient/" + patient + "&_count=100", auditor)).stream()
            .filter(e -> e.getSubtypeFirstRep().getCode().equals("update")).findFirst().orElse(null));
    assertThat(withdrawn.getAction()).isEqualTo(AuditEvent.AuditEventAction.U);
    assertThat(references(withdrawn)).containsAll(reminders).contains("Patient/" + patient);
  }

  private static List<String> references(AuditEvent event) {
    return event.getEntity().stream().map(e -> e.getWhat().getReference()).toList();
  }

  @Test
  void aClientsSearch_isRecordedWithItsClientId_andAnAuditorFindsItByPatientDateAndAgent() throws Exception {
    // A patient of this test's own: the search is recorded with the patient it named, found or not.
    String searched = "searched-" + SUFFIX;
    Instant before = careLoop.clock().instant().minusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
    HttpResponse<String> search = get("/CommunicationRequest?patient=Patient/" + searched,
        authorizationServer.token(READER, "system/CommunicationRequest.rs"));
    assertThat(search.statusCode()).as(search.body()).isEqualTo(200);
    Instant after = careLoop.clock().instant().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
    String auditor = authorizationServer.token(AUDITOR, "system/AuditEvent.rs");

    List<AuditEvent> found = events(get("/AuditEvent?patient=Patient/" + searched + "&date=ge" + utc(before)
        + "&date=le" + utc(after) + "&agent=" + READER.id(), auditor));

    assertThat(found).singleElement().satisfies(event -> {
      assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
      assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
      assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._0);
      assertThat(event.getAgentFirstRep().getWho().getIdentifier().getValue()).isEqualTo(READER.id());
      assertThat(event.getEntity()).extracting(e -> e.getWhat().getReference()).contains("Patient/" + searched);
      assertThat(event.getEntity()).extracting(e -> e.getWhat().getType()).contains("CommunicationRequest");
    });
    assertThat(events(get("/AuditEvent?patient=Patient/" + searched + "&date=lt" + utc(before) + "&agent="
        + READER.id(), auditor))).as("before the search").isEmpty();
    assertThat(events(get("/AuditEvent?patient=Patient/someone-else-" + SUFFIX + "&agent=" + READER.id(), auditor)))
        .as("another patient").isEmpty();

    AuditEvent read = FHIR.newJsonParser().parseResource(AuditEvent.class,
        get("/AuditEvent/" + found.get(0).getIdElement().getIdPart(), auditor).body());
    assertThat(read.getSubtypeFirstRep().getCode()).isEqualTo("search-type");
    assertThat(get("/AuditEvent/no-such-entry", auditor).statusCode()).isEqualTo(404);
  }

  @Test
  void theAuditTrail_isRefusedWithoutTheAuditorScope_evenToAWildcard_andTheRefusalIsRecordedWithoutPatientData() {
    HttpResponse<String> refused = get("/AuditEvent?patient=Patient/" + patientId,
        authorizationServer.token(READER, "system/CommunicationRequest.rs", "system/*.rs"));
    HttpResponse<String> noToken = get("/AuditEvent?patient=Patient/" + patientId, null);
    HttpResponse<String> allowed = get("/AuditEvent?patient=Patient/" + patientId,
        authorizationServer.token(AUDITOR, "system/AuditEvent.rs"));

    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(403);
    assertThat(noToken.statusCode()).isEqualTo(401);
    assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
    List<AuditEvent> refusals = events(get("/AuditEvent?agent=" + READER.id() + "&_count=100",
        authorizationServer.token(AUDITOR, "system/AuditEvent.rs"))).stream()
        .filter(e -> e.getOutcome() == AuditEvent.AuditEventOutcome._4).toList();
    assertThat(refusals).isNotEmpty().allSatisfy(event ->
        assertThat(event.getEntity()).extracting(e -> e.getWhat().getReference()).containsOnlyNulls());
    assertThat(jdbc().queryForObject("select count(*) from audit_event where client_id is null and outcome = '4'"
        + " and resource_type = 'AuditEvent' and interaction = 'search-type'", Integer.class))
        .as("the request without a token").isPositive();
  }

  /** $replay changes a plan on request: recorded as the operation, by the client, about the plan asked for. */
  @Test
  void aReplay_isRecordedAsTheOperationByItsClient() throws Exception {
    String plan = careLoop.planned(appointmentId, "appointment-confirmation").get(0).id();
    HttpResponse<String> replayed = http.send(HttpRequest.newBuilder(URI.create(careLoop.fhirBaseUrl()
            + "/CommunicationRequest/" + plan + "/$replay"))
        .header("Authorization", "Bearer " + authorizationServer.token(READER, "careloop/replay"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(replayed.statusCode()).as("a message already sent is not replayed").isEqualTo(409);

    List<AuditEvent> found = events(get("/AuditEvent?agent=" + READER.id() + "&_count=100",
        authorizationServer.token(AUDITOR, "system/AuditEvent.rs"))).stream()
        .filter(e -> e.getSubtype().stream().anyMatch(c -> "$replay".equals(c.getCode()))).toList();

    assertThat(found).singleElement().satisfies(event -> {
      assertThat(event.getSubtypeFirstRep().getCode()).isEqualTo("operation");
      assertThat(event.getAction()).isEqualTo(AuditEvent.AuditEventAction.E);
      assertThat(event.getOutcome()).isEqualTo(AuditEvent.AuditEventOutcome._4);
    });
  }

  @Test
  void aBadAuditSearch_isA400OperationOutcome() {
    String auditor = authorizationServer.token(AUDITOR, "system/AuditEvent.rs");

    assertThat(refusal(get("/AuditEvent?date=yesterday", auditor))).startsWith("CL-2003");
    assertThat(refusal(get("/AuditEvent?_lastUpdated=ge2026-01-01", auditor))).startsWith("CL-2008");
    assertThat(refusal(get("/AuditEvent?patient=Patient/a&patient=Patient/b", auditor))).startsWith("CL-2061");
    assertThat(refusal(get("/AuditEvent?agent:text=x", auditor))).startsWith("CL-2007");
    assertThat(get("/AuditEvent?name=" + GIVEN, auditor).statusCode()).isEqualTo(400);
  }

  @Test
  void entriesOlderThanTheRetention_arePurged_withTheirEntities_andYoungerOnesStay() {
    AuditTrail trail = careLoop.bean(AuditTrail.class);
    Instant now = careLoop.clock().instant();
    Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(Period.ofYears(6)).toInstant();
    String old = entry(trail, cutoff.minus(Duration.ofDays(1)));
    String young = entry(trail, cutoff.plus(Duration.ofDays(1)));

    careLoop.bean(AuditPurge.class).purge();

    AuditQuery query = careLoop.bean(AuditQuery.class);
    assertThat(query.byId(old)).isEmpty();
    assertThat(jdbc().queryForObject("select count(*) from audit_entity where audit_event_id = ?", Integer.class, old))
        .isZero();
    assertThat(query.byId(young)).hasValueSatisfying(e -> assertThat(e.patients()).containsExactly("Patient/p-old"));
  }

  @Test
  void noStoredAuditEntry_holdsANameAPhoneNumberOrTheMessagesText() {
    String text = confirmation.getPayloadFirstRep().getContentStringType().getValue();
    assertThat(text).isNotBlank();
    Await.until("the confirmation's entry", Duration.ofSeconds(30), () -> jdbc().queryForObject(
        "select count(*) from audit_entity where reference = ?", Integer.class,
        "Communication/" + confirmation.getIdElement().getIdPart()) > 0);
    get("/CommunicationRequest?patient=Patient/" + patientId, authorizationServer.token(READER, "system/CommunicationRequest.rs"));

    List<String> stored = jdbc().queryForList("select * from audit_event").stream()
        .flatMap(row -> row.values().stream()).map(String::valueOf).toList();
    List<String> entities = jdbc().queryForList("select * from audit_entity").stream()
        .flatMap(row -> row.values().stream()).map(String::valueOf).toList();

    assertThat(stored).isNotEmpty();
    for (String value : concat(stored, entities)) {
      assertThat(value).doesNotContain(GIVEN).doesNotContain("+15550100").doesNotContain(text)
          .doesNotContain("Test");
    }
  }

  // --- helpers ---

  private static String entry(AuditTrail trail, Instant recorded) {
    String id = UUID.randomUUID().toString();
    trail.record(new AuditRecord(id, recorded, AuditInteraction.READ, "CommunicationRequest", null,
        AuditOutcome.SUCCESS, "someone", List.of(AuditedEntity.resource("CommunicationRequest/x"),
            AuditedEntity.patient("p-old"))));
    return id;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }

  private static String utc(Instant instant) {
    return instant.atOffset(ZoneOffset.UTC).toString().replace("+00:00", "Z");
  }

  private static List<AuditEvent> events(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return FHIR.newJsonParser().parseResource(Bundle.class, response.body()).getEntry().stream()
        .map(entry -> (AuditEvent) entry.getResource()).toList();
  }

  private static String refusal(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body()).getIssueFirstRep()
        .getDiagnostics();
  }

  private static JdbcTemplate jdbc() {
    return careLoop.bean(JdbcTemplate.class);
  }

  private static HttpResponse<String> get(String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(careLoop.fhirBaseUrl() + path))
        .header("Accept", "application/fhir+json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
