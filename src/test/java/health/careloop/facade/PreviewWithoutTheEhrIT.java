package health.careloop.facade;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import com.sun.net.httpserver.HttpServer;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.MutableClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * With the EHR unreachable, {@code $preview} and {@code $sync} say so with a 503 OperationOutcome, not
 * an internal error.
 */
class PreviewWithoutTheEhrIT {

  private static final String BY_REFERENCE = """
      {"resourceType":"Parameters","parameter":[{"name":"appointmentReference","valueReference":{"reference":"Appointment/a1"}}]}""";

  private static final String PREVIEW = """
      {"resourceType":"Parameters","parameter":[{"name":"appointment","resource":
        {"resourceType":"Appointment","status":"booked","start":"2030-01-01T09:00:00Z","end":"2030-01-01T09:30:00Z",
         "participant":[{"actor":{"reference":"Patient/p1"},"status":"accepted"}]}}]}""";

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.withUnreachableEhr();

  @Test
  void previewWhileTheEhrIsDown_is503_withAnOperationOutcome() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        careLoop.facadeRequest("/Appointment/$preview")
            .header("Content-Type", "application/fhir+json")
            .POST(HttpRequest.BodyPublishers.ofString(PREVIEW)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body())
        .getIssueFirstRep().getDiagnostics()).startsWith("CL-2025");
  }

  @Test
  void syncWhileTheEhrIsDown_is503_withAnOperationOutcome() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        careLoop.facadeRequest("/$sync")
            .header("Content-Type", "application/fhir+json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\"}")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body())
        .getIssueFirstRep().getDiagnostics()).startsWith("CL-2025").contains("catch up");
  }

  @Test
  void previewWhileTheEhrRefusesCareLoop_is503_notTheEhrs401() throws Exception {
    // An EHR that answers every request 401 (say CareLoop's token has expired): its 401 must not
    // reach the integrator as if their own call were unauthenticated.
    HttpServer refusingEhr = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    refusingEhr.createContext("/", exchange -> {
      byte[] body = "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"login\"}]}"
          .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/fhir+json");
      exchange.sendResponseHeaders(401, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    refusingEhr.start();
    try (CareLoopInstance onRefusingEhr = CareLoopInstance.start(
        "http://127.0.0.1:" + refusingEhr.getAddress().getPort() + "/fhir", MutableClock.startingNow(), Map.of())) {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          onRefusingEhr.facadeRequest("/Appointment/$preview")
              .header("Content-Type", "application/fhir+json")
              .POST(HttpRequest.BodyPublishers.ofString(BY_REFERENCE)).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).isEqualTo(503);
      assertThat(FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body())
          .getIssueFirstRep().getDiagnostics()).startsWith("CL-2025").contains("answered 401");
    } finally {
      refusingEhr.stop(0);
    }
  }
}
