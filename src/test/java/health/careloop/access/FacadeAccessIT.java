package health.careloop.access;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import health.careloop.support.TestAuthorizationServer;
import health.careloop.support.TestAuthorizationServer.Client;
import health.careloop.support.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Who may do what on {@code /fhir}, with tokens from a real authorization server (Spring
 * Authorization Server, client_credentials) and CareLoop configured with its issuer alone (keys
 * found through its metadata): every interaction refused without its scope (403) and allowed with
 * it; no token, a token of another issuer or key, or for another audience: 401; a patient-context
 * token sees its patient's plan only. One authorization server and one CareLoop for the class.
 */
class FacadeAccessIT {

  private static final String AUDIENCE = "careloop-access-it";
  private static final String ANN = "access-ann-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String BOB = "access-bob-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String EVERY_SCOPE = "system/CommunicationRequest.rs system/CommunicationRequest.r "
      + "system/CommunicationRequest.s system/CommunicationRequest.read system/Task.rs system/Task.r user/CommunicationRequest.rs "
      + "careloop/preview careloop/sync careloop/replay system/AuditEvent.rs system/AuditEvent.r system/AuditEvent.s";
  private static final Client INTEGRATOR = Client.of("integrator", AUDIENCE, EVERY_SCOPE.split(" "));
  private static final Client OTHER_API = Client.of("other-api", "another-api", EVERY_SCOPE.split(" "));
  private static final Client ANNS_APP = Client.of("anns-app", AUDIENCE, "patient/CommunicationRequest.rs").forPatient(ANN);
  private static final Client NO_PATIENT = Client.of("no-patient", AUDIENCE, "patient/CommunicationRequest.rs");

  private static final TestAuthorizationServer authorizationServer =
      TestAuthorizationServer.start(0, List.of(INTEGRATOR, OTHER_API, ANNS_APP, NO_PATIENT));
  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final HttpClient http = HttpClient.newHttpClient();

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, properties());

  private static String annsMessage;
  private static String bobsMessage;

  private static Map<String, Object> properties() {
    Map<String, Object> properties = new HashMap<>(authorizationServer.careLoopProperties(AUDIENCE));
    properties.put("careloop.reminders.confirmation", "false");
    return properties;
  }

  @BeforeAll
  static void twoPatientsWithPlans() throws Exception {
    EhrFixtures fixtures = new EhrFixtures(ehr.client());
    for (String id : List.of(ANN, BOB)) {
      Patient patient = new Patient();
      patient.setId(id);
      patient.addName().setFamily("Test").addGiven(id);
      patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.SMS).setValue("+15550100").setRank(1);
      patient.addCommunication().setPreferred(true)
          .setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", "en", null)));
      ehr.client().update().resource(patient).execute();
      fixtures.book(id, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    }
    String token = authorizationServer.token(INTEGRATOR, "system/CommunicationRequest.rs");
    annsMessage = Await.value("Ann's two reminders", Duration.ofSeconds(60),
        () -> firstOfTwo(get("/CommunicationRequest?patient=Patient/" + ANN, token)));
    bobsMessage = Await.value("Bob's two reminders", Duration.ofSeconds(60),
        () -> firstOfTwo(get("/CommunicationRequest?patient=Patient/" + BOB, token)));
  }

  @AfterAll
  static void stopAuthorizationServer() {
    authorizationServer.close();
  }

  // --- open: metadata and discovery ---

  @Test
  void metadata_isOpen_andNamesSmartOnFhirWithTheTokenEndpoint() throws Exception {
    HttpResponse<String> response = get("/metadata", null);

    assertThat(response.statusCode()).isEqualTo(200);
    CapabilityStatement capabilities = FHIR.newJsonParser().parseResource(CapabilityStatement.class, response.body());
    CapabilityStatement.CapabilityStatementRestSecurityComponent security = capabilities.getRestFirstRep().getSecurity();
    assertThat(security.getServiceFirstRep().getCodingFirstRep().getSystem())
        .isEqualTo("http://terminology.hl7.org/CodeSystem/restful-security-service");
    assertThat(security.getServiceFirstRep().getCodingFirstRep().getCode()).isEqualTo("SMART-on-FHIR");
    assertThat(security.getExtensionByUrl("http://fhir-registry.smarthealthit.org/StructureDefinition/oauth-uris")
        .getExtensionByUrl("token").getValue().primitiveValue()).isEqualTo(authorizationServer.tokenEndpoint());
  }

  @Test
  @SuppressWarnings("unchecked")
  void smartConfiguration_isOpen_andSaysHowToGetAToken() throws Exception {
    HttpResponse<String> response = get("/.well-known/smart-configuration", null);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
    Map<?, ?> smart = new ObjectMapper().readValue(response.body(), Map.class);
    assertThat(smart.get("issuer")).isEqualTo(authorizationServer.issuer());
    assertThat(smart.get("token_endpoint")).isEqualTo(authorizationServer.tokenEndpoint());
    assertThat((List<Object>) smart.get("grant_types_supported")).containsExactly("client_credentials");
    assertThat((List<Object>) smart.get("token_endpoint_auth_methods_supported"))
        .contains("private_key_jwt", "client_secret_basic");
    assertThat((List<Object>) smart.get("capabilities")).contains("client-confidential-asymmetric", "permission-v2");
    assertThat((List<Object>) smart.get("scopes_supported"))
        .contains("system/CommunicationRequest.rs", "system/Task.rs", "system/AuditEvent.rs", "careloop/preview",
            "careloop/sync");

    HttpResponse<String> posted = send(HttpRequest.newBuilder(URI.create(careLoop.fhirBaseUrl()
        + "/.well-known/smart-configuration")).POST(HttpRequest.BodyPublishers.noBody()));
    assertThat(posted.statusCode()).isEqualTo(405);
    assertThat(diagnostics(posted)).contains("GET");
  }

  // --- 401: no token, or one not valid here ---

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource({"GET, /CommunicationRequest", "GET, /CommunicationRequest/x", "GET, /Task", "POST, /$sync",
      "POST, /Appointment/$preview", "POST, /Encounter/$preview", "POST, /CommunicationRequest/$replay",
      "POST, /CommunicationRequest/x/$replay", "GET, /AuditEvent", "GET, /AuditEvent/x"})
  void noToken_is401_withWwwAuthenticateBearer_andAnOperationOutcome(String method, String path) throws Exception {
    HttpResponse<String> response = call(method, path, null);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));
    assertThat(diagnostics(response)).startsWith("CL-2090");
    assertThat(response.headers().firstValue("Set-Cookie")).as("stateless").isEmpty();
  }

  @Test
  void aRequest_isTimedAsAWhole_butSecuritysFiltersAreNotObservedOneByOne() throws Exception {
    String token = authorizationServer.token(INTEGRATOR, "system/CommunicationRequest.rs");
    assertThat(get("/CommunicationRequest?patient=" + ANN, token).statusCode()).isEqualTo(200);
    MeterRegistry registry = careLoop.bean(MeterRegistry.class);

    assertThat(registry.find("http.server.requests").timers()).isNotEmpty();
    // An observation per filter per request cost 5-7% of the hook's CPU under a flood.
    assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName())
        .noneMatch(name -> name.startsWith("spring.security.filterchain"));
  }

  @Test
  void aTokenOfAnotherIssuerAndKey_is401() throws Exception {
    String foreign = TestTokens.token(List.of("system/CommunicationRequest.rs"), Map.of("aud", AUDIENCE), Duration.ofMinutes(5));

    HttpResponse<String> response = get("/CommunicationRequest", foreign);

    assertInvalidToken(response);
  }

  @Test
  void aTokenForAnotherAudience_is401() throws Exception {
    HttpResponse<String> response = get("/CommunicationRequest", authorizationServer.token(OTHER_API,
        "system/CommunicationRequest.rs"));

    assertInvalidToken(response);
  }

  @Test
  void aTokenThatIsNoJwt_isA401_evenTheSubscriptionSecret() throws Exception {
    assertInvalidToken(get("/CommunicationRequest", "not-a-jwt"));
    assertInvalidToken(get("/CommunicationRequest", CareLoopInstance.SECRET));
  }

  // --- 403 without the interaction's scope, allowed with it ---

  @ParameterizedTest(name = "{0} {1}: needs {2}")
  @CsvSource(delimiter = '|', value = {
      "GET  | /CommunicationRequest/{ann}   | system/CommunicationRequest.r | system/CommunicationRequest.s system/Task.rs careloop/preview careloop/sync careloop/replay system/AuditEvent.rs | 200",
      "GET  | /CommunicationRequest?status=active | system/CommunicationRequest.s | system/CommunicationRequest.r system/Task.rs careloop/preview careloop/sync careloop/replay system/AuditEvent.rs | 200",
      "GET  | /Task/no-such-task            | system/Task.r                 | system/CommunicationRequest.rs careloop/preview careloop/sync careloop/replay system/AuditEvent.rs | 404",
      "GET  | /Task?status=requested        | system/Task.rs                | system/CommunicationRequest.rs system/Task.r careloop/preview careloop/sync careloop/replay system/AuditEvent.rs | 200",
      "POST | /Appointment/$preview         | careloop/preview              | system/CommunicationRequest.rs system/Task.rs careloop/sync careloop/replay system/AuditEvent.rs | 400",
      "POST | /Encounter/$preview           | careloop/preview              | system/CommunicationRequest.rs system/Task.rs careloop/sync careloop/replay system/AuditEvent.rs | 400",
      "POST | /$sync                        | careloop/sync                 | system/CommunicationRequest.rs system/Task.rs careloop/preview careloop/replay system/AuditEvent.rs | 400",
      "POST | /CommunicationRequest/{ann}/$replay | careloop/replay | system/CommunicationRequest.rs system/Task.rs careloop/preview careloop/sync system/AuditEvent.rs | 409",
      "POST | /CommunicationRequest/$replay  | careloop/replay               | system/CommunicationRequest.rs system/Task.rs careloop/preview careloop/sync system/AuditEvent.rs | 200",
      "GET  | /AuditEvent/no-such-record    | system/AuditEvent.r           | system/CommunicationRequest.rs system/Task.rs careloop/preview careloop/sync careloop/replay system/AuditEvent.s | 404",
      "GET  | /AuditEvent?agent=someone     | system/AuditEvent.s           | system/CommunicationRequest.rs system/Task.rs careloop/preview careloop/sync careloop/replay system/AuditEvent.r | 200"})
  void eachInteraction_isRefusedWithoutItsScope_andAllowedWithIt(String method, String path, String scope,
      String everyOtherScope, int statusWithTheScope) throws Exception {
    String resolved = path.replace("{ann}", annsMessage);

    HttpResponse<String> without = call(method, resolved, authorizationServer.token(INTEGRATOR, everyOtherScope.split(" ")));
    HttpResponse<String> with = call(method, resolved, authorizationServer.token(INTEGRATOR, scope));

    assertThat(without.statusCode()).as(without.body()).isEqualTo(403);
    assertThat(diagnostics(without)).startsWith("CL-2091");
    // With it, the request reaches the provider: a resource, a bundle, or the provider's own 4xx
    // (a Task or audit record that does not exist, a $preview without its parameter, a $sync from the
    // future, a replay of a message that is not parked).
    assertThat(with.statusCode()).as(with.body()).isEqualTo(statusWithTheScope);
    if (statusWithTheScope >= 400) {
      assertThat(diagnostics(with)).matches("CL-20(41|20|31|50|60).*");
    }
  }

  @Test
  void aV1ReadScope_grantsReadAndSearch() throws Exception {
    String token = authorizationServer.token(INTEGRATOR, "system/CommunicationRequest.read");

    assertThat(get("/CommunicationRequest/" + annsMessage, token).statusCode()).isEqualTo(200);
    assertThat(get("/CommunicationRequest?patient=Patient/" + BOB, token).statusCode()).isEqualTo(200);
  }

  @Test
  void aUserScope_actsAsASystemScope_everyPatientsPlan() throws Exception {
    String token = authorizationServer.token(INTEGRATOR, "user/CommunicationRequest.rs");

    assertThat(get("/CommunicationRequest/" + bobsMessage, token).statusCode()).isEqualTo(200);
    assertThat(bundle(get("/CommunicationRequest?patient=Patient/" + ANN + "," + "Patient/" + BOB, token)).getTotal())
        .isEqualTo(4);
  }

  // --- a patient-context token ---

  @Test
  void aPatientContextToken_searchesOnlyItsPatientsPlan_whateverItAsks() throws Exception {
    String token = authorizationServer.token(ANNS_APP, "patient/CommunicationRequest.rs");

    Bundle everything = bundle(get("/CommunicationRequest", token));
    assertThat(everything.getTotal()).isEqualTo(2);
    assertThat(everything.getEntry()).extracting(e -> ((CommunicationRequest) e.getResource()).getSubject().getReference())
        .allSatisfy(subject -> assertThat(subject).endsWith("/Patient/" + ANN));
    assertThat(bundle(get("/CommunicationRequest?patient=Patient/" + BOB, token)).getTotal())
        .as("asking for another patient finds nothing").isZero();
    assertThat(bundle(get("/CommunicationRequest?subject=Patient/" + BOB, token)).getTotal()).isZero();
    assertThat(bundle(get("/CommunicationRequest?patient=Patient/" + ANN + ",Patient/" + BOB, token)).getTotal())
        .isEqualTo(2);
  }

  @Test
  void aPatientContextToken_readsItsPatientsMessage_andGets404ForAnotherPatients() throws Exception {
    String token = authorizationServer.token(ANNS_APP, "patient/CommunicationRequest.rs");

    assertThat(get("/CommunicationRequest/" + annsMessage, token).statusCode()).isEqualTo(200);
    HttpResponse<String> bobs = get("/CommunicationRequest/" + bobsMessage, token);
    assertThat(bobs.statusCode()).isEqualTo(404);
    assertThat(diagnostics(bobs)).startsWith("CL-2093").doesNotContain(BOB);
  }

  @Test
  void aPatientContextToken_reachesNoOtherResourceNorOperation() throws Exception {
    String token = authorizationServer.token(ANNS_APP, "patient/CommunicationRequest.rs");

    assertThat(get("/Task", token).statusCode()).isEqualTo(403);
    assertThat(call("POST", "/Appointment/$preview", token).statusCode()).isEqualTo(403);
    assertThat(call("POST", "/$sync", token).statusCode()).isEqualTo(403);
  }

  @Test
  void aPatientScopeWithoutAPatientClaim_reachesNothing() throws Exception {
    String token = authorizationServer.token(NO_PATIENT, "patient/CommunicationRequest.rs");

    assertThat(get("/CommunicationRequest", token).statusCode()).isEqualTo(403);
    assertThat(get("/CommunicationRequest/" + annsMessage, token).statusCode()).isEqualTo(403);
  }

  // --- the rest of the port ---

  @Test
  void healthAndTheHook_stayOutsideTheResourceServer_everythingElseIsRefused() throws Exception {
    assertThat(send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health")).GET()).statusCode()).isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(URI.create(base() + "/hook/metadata")).GET()).statusCode())
        .as("the hook's own secret decides").isEqualTo(401);
    assertThat(send(HttpRequest.newBuilder(URI.create(base() + "/hook/metadata"))
        .header("Authorization", "Bearer " + CareLoopInstance.SECRET).GET()).statusCode()).isEqualTo(200);
    String token = authorizationServer.token(INTEGRATOR, EVERY_SCOPE.split(" "));
    for (String path : List.of("/actuator/env", "/somewhere", "/")) {
      HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(base() + path))
          .header("Authorization", "Bearer " + token).GET());
      assertThat(response.statusCode()).as(path).isEqualTo(403);
      assertThat(response.body()).as(path).contains("OperationOutcome");
    }
  }

  // --- helpers ---

  private static String firstOfTwo(HttpResponse<String> response) {
    if (response.statusCode() != 200) {
      throw new AssertionError(response.statusCode() + " " + response.headers().map() + " " + response.body());
    }
    Bundle bundle = bundle(response);
    return bundle.getTotal() == 2 ? bundle.getEntryFirstRep().getResource().getIdElement().getIdPart() : null;
  }

  private static void assertInvalidToken(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(h -> assertThat(h).startsWith("Bearer").contains("invalid_token"));
    assertThat(diagnostics(response)).startsWith("CL-2094");
  }

  private static String base() {
    return "http://localhost:" + careLoop.port();
  }

  private static HttpResponse<String> get(String path, String token) {
    try {
      return call("GET", path, token);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A GET, or a POST with a Parameters body (for $sync: since in the future). */
  private static HttpResponse<String> call(String method, String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(careLoop.fhirBaseUrl() + path))
        .header("Accept", "application/fhir+json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (method.equals("POST")) {
      String body = path.equals("/$sync")
          ? "{\"resourceType\":\"Parameters\",\"parameter\":[{\"name\":\"since\",\"valueInstant\":\""
              + Instant.now().plus(Duration.ofDays(1)) + "\"}]}"
          : "{\"resourceType\":\"Parameters\"}";
      request.header("Content-Type", "application/fhir+json").POST(HttpRequest.BodyPublishers.ofString(body));
    } else {
      request.GET();
    }
    return send(request);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Bundle bundle(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return FHIR.newJsonParser().parseResource(Bundle.class, response.body());
  }

  private static String diagnostics(HttpResponse<String> response) {
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("fhir+json"));
    return FHIR.newJsonParser().parseResource(OperationOutcome.class, response.body()).getIssueFirstRep().getDiagnostics();
  }
}
