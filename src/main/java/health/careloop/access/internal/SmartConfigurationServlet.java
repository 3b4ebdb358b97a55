package health.careloop.access.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import health.careloop.access.FacadeAccessInterceptor;
import health.careloop.access.SecurityProperties;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /fhir/.well-known/smart-configuration}: SMART App Launch's discovery document, open
 * like {@code metadata}: where to get a token, how to authenticate there, and the scopes the façade
 * knows. Mapped to this exact path, beside the FHIR server at {@code /fhir/*}.
 */
class SmartConfigurationServlet extends HttpServlet {

  static final String PATH = "/fhir/.well-known/smart-configuration";
  /** Every scope an interaction on the façade asks for (FacadeAccessInterceptor). */
  static final List<String> SCOPES = List.of(
      "system/CommunicationRequest.rs", "system/CommunicationRequest.r", "system/CommunicationRequest.s",
      "system/Task.rs", "system/Task.r", "system/Task.s",
      "user/CommunicationRequest.rs", "user/Task.rs",
      "patient/CommunicationRequest.rs", "patient/Task.rs",
      "system/AuditEvent.rs", "system/AuditEvent.r", "system/AuditEvent.s",
      FacadeAccessInterceptor.PREVIEW, FacadeAccessInterceptor.SYNC, FacadeAccessInterceptor.REPLAY);

  private final transient byte[] document;

  SmartConfigurationServlet(SecurityProperties security, ObjectMapper json) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("issuer", security.issuerUri().toString());
    body.put("token_endpoint", security.tokenEndpoint().toString());
    if (security.jwkSetUri() != null) {
      body.put("jwks_uri", security.jwkSetUri().toString());
    }
    body.put("grant_types_supported", List.of("client_credentials"));
    body.put("token_endpoint_auth_methods_supported", List.of("private_key_jwt", "client_secret_basic"));
    body.put("token_endpoint_auth_signing_alg_values_supported", List.of("RS384", "ES384"));
    body.put("scopes_supported", SCOPES);
    body.put("capabilities", List.of("client-confidential-asymmetric", "client-confidential-symmetric",
        "permission-v2", "permission-v1", "permission-patient", "permission-user"));
    this.document = json.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
  }

  /** Anything but GET (and HEAD): a 405 as an OperationOutcome, like the FHIR server beside it. */
  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response)
      throws jakarta.servlet.ServletException, IOException {
    if (request.getMethod().equals("GET") || request.getMethod().equals("HEAD")) {
      super.service(request, response);
      return;
    }
    byte[] body = ("{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
        + "\"code\":\"not-supported\",\"diagnostics\":\"SMART configuration is read with GET\"}]}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    response.setStatus(HttpServletResponse.SC_METHOD_NOT_ALLOWED);
    response.setHeader("Allow", "GET, HEAD");
    response.setContentType("application/fhir+json;charset=UTF-8");
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    response.setContentLength(document.length);
    response.getOutputStream().write(document);
  }
}
