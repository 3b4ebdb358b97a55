package health.careloop.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.support.CareLoopInstance;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the hook refuses before it parses a body: too large (413), not UTF-8 text or with NUL bytes
 * (400), not FHIR JSON (415), an id that is not a FHIR id or not the body's (400). Each answer is an
 * OperationOutcome, nothing is stored, and without the secret every one of them is a 401 instead.
 */
class HookHardeningIT {

  private static final String SECRET = "Bearer " + CareLoopInstance.SECRET;
  private static final String APPOINTMENT = """
      {"resourceType":"Appointment","id":"hard-1","meta":{"versionId":"1"},"status":"booked",
       "start":"2030-01-01T09:00:00Z","end":"2030-01-01T09:30:00Z",
       "participant":[{"actor":{"reference":"Patient/p1"},"status":"accepted"}]}""";

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.withUnreachableEhr();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aBodyOverOneMebibyte_is413_withAnOperationOutcome_andNothingStored() throws Exception {
    String padded = APPOINTMENT.replace("\"status\":\"booked\"",
        "\"comment\":\"" + "x".repeat(1024 * 1024) + "\",\"status\":\"booked\"");

    HttpResponse<String> response = put("/Appointment/hard-1", bytes(padded), "application/fhir+json", SECRET);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(diagnostics(response)).startsWith("CL-1110");
    assertThat(inboxRows()).isZero();
  }

  @Test
  void aBodyOverOneMebibyte_sentChunked_withoutContentLength_is413_too() throws Exception {
    String padded = APPOINTMENT.replace("\"status\":\"booked\"",
        "\"comment\":\"" + "x".repeat(1024 * 1024) + "\",\"status\":\"booked\"");
    HttpRequest request = HttpRequest.newBuilder(URI.create(careLoop.hookBaseUrl() + "/Appointment/hard-1"))
        .header("Content-Type", "application/fhir+json").header("Authorization", SECRET)
        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes(padded))))
        .build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(diagnostics(response)).startsWith("CL-1110");
    assertThat(inboxRows()).isZero();
  }

  @Test
  void aBodyWithANulByte_is400_andNothingStored() throws Exception {
    String withNul = APPOINTMENT.replace("\"status\":\"booked\"", "\"comment\":\"a\u0000b\",\"status\":\"booked\"");

    HttpResponse<String> response = put("/Appointment/hard-1", bytes(withNul), "application/fhir+json", SECRET);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(diagnostics(response)).startsWith("CL-1111").contains("NUL");
    assertThat(inboxRows()).isZero();
  }

  @Test
  void aBodyThatIsNotUtf8_is400_andNothingStored() throws Exception {
    byte[] latin1 = APPOINTMENT.replace("\"status\":\"booked\"", "\"comment\":\"café\",\"status\":\"booked\"")
        .getBytes(StandardCharsets.ISO_8859_1);

    HttpResponse<String> response = put("/Appointment/hard-1", latin1, "application/fhir+json", SECRET);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(diagnostics(response)).startsWith("CL-1111").contains("UTF-8");
    assertThat(inboxRows()).isZero();
  }

  @Test
  void aContentTypeOtherThanFhirJson_is415_andNothingStored() throws Exception {
    for (String type : new String[] {"application/fhir+xml", "text/plain", "application/x-www-form-urlencoded"}) {
      HttpResponse<String> response = put("/Appointment/hard-1", bytes(APPOINTMENT), type, SECRET);

      assertThat(response.statusCode()).as(type + ": " + response.body()).isEqualTo(415);
      assertThat(diagnostics(response)).as(type).startsWith("CL-1112");
    }
    assertThat(inboxRows()).isZero();
  }

  @Test
  void fhirJsonAndJson_withACharset_areAccepted() throws Exception {
    String[] types = {"application/fhir+json; charset=UTF-8", "application/json", "application/json;charset=utf-8"};
    for (int i = 0; i < types.length; i++) {
      String id = "hard-ok-" + i;
      HttpResponse<String> response = put("/Appointment/" + id, bytes(APPOINTMENT.replace("hard-1", id)), types[i], SECRET);

      assertThat(response.statusCode()).as(types[i] + ": " + response.body()).isEqualTo(200);
    }
  }

  /** The hook's own way through the web server still passes the request's observation, which operators time it by. */
  @Test
  void aNotification_isStillTimedAsAnHttpServerRequest() throws Exception {
    MeterRegistry meters = careLoop.bean(MeterRegistry.class);
    // A request's timer stops once its answer is written: the test before may still be counted.
    Thread.sleep(500);
    long before = hookRequestsTimed(meters);

    HttpResponse<String> response = put("/Appointment/hard-ok-timed", bytes(APPOINTMENT.replace("hard-1", "hard-ok-timed")),
        "application/fhir+json", SECRET);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(hookRequestsTimed(meters)).isGreaterThanOrEqualTo(before + 1));
  }

  private static long hookRequestsTimed(MeterRegistry meters) {
    return meters.find("http.server.requests").tag("method", "PUT").tag("status", "200").timers().stream()
        .mapToLong(Timer::count).sum();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "\"meta\":{\"versionId\":\"1\"} -> \"meta\":{\"versionId\":1}",
      "\"status\":\"booked\" -> \"status\":\"\"",
      "\"start\":\"2030-01-01T09:00:00Z\" -> \"start\":\"\"",
      "\"status\":\"booked\" -> \"status\":true",
      "\"participant\":[ -> \"participant\":{\"x\":[]},\"comment\":["})
  void aValueOfTheWrongJsonTypeOrEmpty_is400_andNothingStored(String change) throws Exception {
    String[] fromTo = change.split(" -> ");
    String body = APPOINTMENT.replace(fromTo[0], fromTo[1]);
    assertThat(body).as("the change applies").isNotEqualTo(APPOINTMENT);

    HttpResponse<String> response = put("/Appointment/hard-1", bytes(body), "application/fhir+json", SECRET);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(outcome(response).getIssue()).isNotEmpty();
    assertThat(inboxRows()).isZero();
  }

  @Test
  void anElementCareLoopDoesNotKnow_isStillAccepted_asFhirAllowsAServerToIgnoreIt() throws Exception {
    String body = APPOINTMENT.replace("hard-1", "hard-ok-unknown")
        .replace("\"status\":\"booked\"", "\"vendorField\":\"x\",\"status\":\"booked\"");

    HttpResponse<String> response = put("/Appointment/hard-ok-unknown", bytes(body), "application/fhir+json", SECRET);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  @Test
  void anIdInTheUrlThatIsNotTheBodysId_is400_andNothingStored() throws Exception {
    HttpResponse<String> response = put("/Appointment/hard-2", bytes(APPOINTMENT), "application/fhir+json", SECRET);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(outcome(response).getIssue()).isNotEmpty();
    assertThat(inboxRows()).isZero();
  }

  @Test
  void anIdThatIsNotAFhirId_is400_andNothingStored() throws Exception {
    String tooLong = "a".repeat(65);
    for (String id : new String[] {tooLong, "bad_id", "bad%20id"}) {
      String body = APPOINTMENT.replace("hard-1", id.replace("%20", " "));
      HttpResponse<String> response = put("/Appointment/" + id, bytes(body), "application/fhir+json", SECRET);

      assertThat(response.statusCode()).as(id).isEqualTo(400);
      assertThat(diagnostics(response)).as(id).startsWith("CL-1113");
    }
    assertThat(inboxRows()).isZero();
  }

  /**
   * The hook is served ahead of Spring Security's chains, but not past its firewall: a path
   * parameter (which the server would strip before HAPI saw the id) is refused as it is elsewhere.
   */
  @ParameterizedTest
  @ValueSource(strings = {"/Appointment/hard-1;v=2", "/Appointment;x/hard-1", "/Appointment/hard-1%3Bx"})
  void aPathTheFirewallRefuses_is400_withAnOperationOutcome_andNothingStored(String path) throws Exception {
    HttpResponse<String> response = put(path, bytes(APPOINTMENT), "application/fhir+json", SECRET);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(diagnostics(response)).startsWith("CL-1132: ");
    assertThat(inboxRows()).isZero();
  }

  @Test
  void withoutTheSecret_eachOfThem_isA401_first() throws Exception {
    String padded = "x".repeat(2 * 1024 * 1024);
    assertThat(put("/Appointment/hard-1", bytes(padded), "application/fhir+json", null).statusCode()).isEqualTo(401);
    assertThat(put("/Appointment/hard-1", new byte[] {0, 1, 2}, "application/fhir+json", null).statusCode()).isEqualTo(401);
    assertThat(put("/Appointment/hard-1", bytes(APPOINTMENT), "text/plain", null).statusCode()).isEqualTo(401);
    assertThat(put("/Appointment/bad_id", bytes(APPOINTMENT), "application/fhir+json", null).statusCode()).isEqualTo(401);
    assertThat(inboxRows()).isZero();
  }

  @Test
  void anIdOnlyNotification_whileTheEhrCannotBeRead_is503_soTheEhrRetries_andNothingStored() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(careLoop.hookBaseUrl() + "/Appointment/hard-3"))
        .header("Authorization", SECRET).PUT(HttpRequest.BodyPublishers.noBody()).build();

    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(diagnostics(response)).startsWith("CL-1114").contains("Appointment/hard-3");
    assertThat(inboxRows()).isZero();
  }

  private HttpResponse<String> put(String path, byte[] body, String contentType, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(careLoop.hookBaseUrl() + path))
        .header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String diagnostics(HttpResponse<String> response) {
    return outcome(response).getIssueFirstRep().getDiagnostics();
  }

  /** HAPI answers in the request's format when the request names no other: XML for an XML body. */
  private static OperationOutcome outcome(HttpResponse<String> response) {
    boolean xml = response.headers().firstValue("Content-Type").orElse("").contains("xml");
    FhirContext fhir = FhirContext.forR4Cached();
    return (xml ? fhir.newXmlParser() : fhir.newJsonParser()).parseResource(OperationOutcome.class, response.body());
  }

  /** What the refused requests stored: nothing, whatever the accepted ones did. */
  private static int inboxRows() {
    return careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from inbox_event where resource_id not like 'hard-ok-%'", Integer.class);
  }
}
