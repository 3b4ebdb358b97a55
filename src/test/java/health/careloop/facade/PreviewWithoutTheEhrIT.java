package health.careloop.facade;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.support.CareLoopInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** With the EHR unreachable, {@code $preview} says so with a 503 OperationOutcome, not an internal error. */
class PreviewWithoutTheEhrIT {

  private static final String PREVIEW = """
      {"resourceType":"Parameters","parameter":[{"name":"appointment","resource":
        {"resourceType":"Appointment","status":"booked","start":"2030-01-01T09:00:00Z","end":"2030-01-01T09:30:00Z",
         "participant":[{"actor":{"reference":"Patient/p1"},"status":"accepted"}]}}]}""";

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.withUnreachableEhr();

  @Test
  void previewWhileTheEhrIsDown_is503_withAnOperationOutcome() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(careLoop.fhirBaseUrl() + "/Appointment/$preview"))
            .header("Content-Type", "application/fhir+json")
            .POST(HttpRequest.BodyPublishers.ofString(PREVIEW)).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body())
        .getIssueFirstRep().getDiagnostics()).startsWith("CL-2025");
  }
}
