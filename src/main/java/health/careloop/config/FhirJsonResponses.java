package health.careloop.config;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;

/**
 * A FHIR resource as the body of a servlet response, for the answers CareLoop gives outside a HAPI
 * server's own response handling: a filter in front of it, Spring Security's refusals, an
 * interceptor that answers a request by itself. The status, and any other header, is the caller's.
 */
public final class FhirJsonResponses {

  private FhirJsonResponses() {}

  public static void write(HttpServletResponse response, FhirContext fhir, IBaseResource resource) throws IOException {
    byte[] body = fhir.newJsonParser().encodeResourceToString(resource).getBytes(StandardCharsets.UTF_8);
    response.setContentType("application/fhir+json;charset=UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /** An OperationOutcome of one error issue. */
  public static void error(HttpServletResponse response, FhirContext fhir, IssueType type, String diagnostics)
      throws IOException {
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(type).setDiagnostics(diagnostics);
    write(response, fhir, outcome);
  }
}
