package health.careloop.intake;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.support.CareLoopInstance;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The hook ({@code /hook}) is CareLoop's only way in for EHR data: it answers only a caller with the
 * subscription secret, and what it refuses, it refuses with a 4xx OperationOutcome and without
 * storing anything. No EHR is needed for that, so none runs here.
 */
class HookAuthenticationIT {

  private static final String APPOINTMENT = """
      {"resourceType":"Appointment","id":"hook-1","meta":{"versionId":"1"},"status":"booked",
       "start":"2030-01-01T09:00:00Z","end":"2030-01-01T09:30:00Z",
       "participant":[{"actor":{"reference":"Patient/p1"},"status":"accepted"}]}""";

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.withUnreachableEhr();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void noSecret_is401_withAnOperationOutcome_andNothingStored() throws Exception {
    HttpResponse<String> response = put("/Appointment/hook-1", APPOINTMENT, null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("subscription secret");
    assertThat(inboxRows()).isZero();
  }

  @Test
  void wrongSecret_is401_andNothingStored() throws Exception {
    HttpResponse<String> response = put("/Appointment/hook-1", APPOINTMENT, "Bearer not-the-secret");

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("not the one CareLoop issued");
    assertThat(inboxRows()).isZero();
  }

  /** A refusal is an answer, not an error: no ERROR with a stack trace per refused request for anyone to provoke. */
  @Test
  void refusedRequests_leaveNoErrorInTheLog() throws Exception {
    ch.qos.logback.classic.Logger hapi = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
        "ca.uhn.fhir.interceptor.executor.BaseInterceptorService");
    var appender = new ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>();
    appender.start();
    hapi.addAppender(appender);
    try {
      assertThat(put("/Appointment/hook-1", APPOINTMENT, "Bearer not-the-secret").statusCode()).isEqualTo(401);
      assertThat(put("/Appointment/hook-1", "{not json", "Bearer " + CareLoopInstance.SECRET).statusCode())
          .isEqualTo(400);
    } finally {
      hapi.detachAppender(appender);
    }
    assertThat(appender.list).filteredOn(e -> e.getLevel() == ch.qos.logback.classic.Level.ERROR)
        .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage).isEmpty();
  }

  @Test
  void malformedBody_is400_withAnOperationOutcome_andNothingStored() throws Exception {
    HttpResponse<String> response = put("/Appointment/hook-1", "{\"resourceType\":\"Appointment\",",
        "Bearer " + CareLoopInstance.SECRET);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(outcome(response).getIssue()).isNotEmpty();
    assertThat(inboxRows()).isZero();
  }

  @Test
  void malformedBody_withoutSecret_is401_notAParseError() throws Exception {
    HttpResponse<String> response = put("/Appointment/hook-1", "not json at all", null);

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(inboxRows()).isZero();
  }

  @Test
  void aNotification_withTheSecret_isAccepted_andStoredOnce() throws Exception {
    String notification = APPOINTMENT.replace("hook-1", "hook-ok");
    HttpResponse<String> response = put("/Appointment/hook-ok", notification, "Bearer " + CareLoopInstance.SECRET);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from inbox_event where resource_id = 'hook-ok'", Integer.class)).isEqualTo(1);
  }

  @Test
  void withoutTheSecret_theHookShowsNothing_notEvenItsCapabilityStatement_orWhichTypesItKnows() throws Exception {
    for (String path : new String[] {"/metadata", "/Patient/p1", "/Appointment/hook-1", "/no-such-type/1"}) {
      HttpResponse<String> response = get(path, null);

      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).as(path).startsWith("CL-1101");
    }
    assertThat(put("/Patient/p1", "{\"resourceType\":\"Patient\",\"id\":\"p1\"}", "Bearer not-the-secret").statusCode())
        .isEqualTo(401);
  }

  @Test
  void theHookCapabilityStatement_offersAppointmentAndEncounterUpdate_andNothingElse() throws Exception {
    HttpResponse<String> response = get("/metadata", "Bearer " + CareLoopInstance.SECRET);

    assertThat(response.statusCode()).isEqualTo(200);
    CapabilityStatement capabilities = FhirContext.forR4Cached().newJsonParser()
        .parseResource(CapabilityStatement.class, response.body());
    assertThat(capabilities.getRestFirstRep().getResource())
        .filteredOn(r -> !r.getInteraction().isEmpty() || !r.getOperation().isEmpty())
        .extracting(r -> r.getType() + ":" + r.getInteraction().stream().map(i -> i.getCode().toCode()).toList()
            + r.getOperation().stream().map(o -> o.getName()).toList())
        .as("OperationDefinition: HAPI's own, on every server, for the definitions of its operations (none here)")
        .containsExactlyInAnyOrder("Appointment:[update][]", "Encounter:[update][]", "OperationDefinition:[read][]");
  }

  @Test
  void anythingButANotification_withTheSecret_isA4xxOperationOutcome_andNothingStored() throws Exception {
    String secret = "Bearer " + CareLoopInstance.SECRET;
    HttpResponse<String> read = get("/Appointment/hook-1", secret);
    HttpResponse<String> otherType = put("/Patient/p1", "{\"resourceType\":\"Patient\",\"id\":\"p1\"}", secret);
    HttpResponse<String> search = get("/Appointment?status=booked", secret);

    for (HttpResponse<String> response : List.of(read, otherType, search)) {
      assertThat(response.statusCode()).as(response.request().method() + " " + response.uri()).isBetween(400, 499);
      assertThat(outcome(response).getIssue()).isNotEmpty();
    }
    assertThat(inboxRows()).isZero();
  }

  @Test
  void notificationWithoutVersion_is400_becauseItCannotBeOrdered() throws Exception {
    String unversioned = APPOINTMENT.replace("\"meta\":{\"versionId\":\"1\"},", "");
    HttpResponse<String> response = put("/Appointment/hook-1", unversioned, "Bearer " + CareLoopInstance.SECRET);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).contains("versionId");
    assertThat(inboxRows()).isZero();
  }

  @Test
  void participantOnAnotherServer_is422_andNothingStored() throws Exception {
    String foreign = APPOINTMENT.replace("\"reference\":\"Patient/p1\"", "\"reference\":\"https://other.example/fhir/Patient/p1\"");
    HttpResponse<String> response = put("/Appointment/hook-1", foreign, "Bearer " + CareLoopInstance.SECRET);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).startsWith("CL-1003").contains("another server");
    assertThat(inboxRows()).isZero();
  }

  @Test
  void participantWithoutId_is422_andNothingStored() throws Exception {
    String blank = APPOINTMENT.replace("\"reference\":\"Patient/p1\"", "\"reference\":\"Patient/\"");
    HttpResponse<String> response = put("/Appointment/hook-1", blank, "Bearer " + CareLoopInstance.SECRET);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).startsWith("CL-1003").contains("names no");
    assertThat(inboxRows()).isZero();
  }

  private HttpResponse<String> put(String path, String body, String authorization)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(careLoop.hookBaseUrl() + path))
        .header("Content-Type", "application/fhir+json")
        .PUT(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(careLoop.hookBaseUrl() + path))
        .header("Accept", "application/fhir+json").GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static OperationOutcome outcome(HttpResponse<String> response) {
    return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body());
  }

  /** What the refused requests stored: nothing, whatever the accepted one did. */
  private static int inboxRows() {
    return careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from inbox_event where resource_id <> 'hook-ok'", Integer.class);
  }
}
