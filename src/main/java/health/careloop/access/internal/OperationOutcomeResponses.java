package health.careloop.access.internal;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.audit.FacadeAudit;
import health.careloop.config.FhirJsonResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Spring Security's refusals as FHIR answers: the status and {@code WWW-Authenticate} header of
 * RFC 6750 (Spring's bearer-token handlers set them), with an OperationOutcome body instead of an
 * empty one or an error page. What is wrong with a token is said only in the header's
 * {@code error_description}, as Spring words it, never the token itself.
 */
class OperationOutcomeResponses implements AuthenticationEntryPoint, AccessDeniedHandler, AuthenticationFailureHandler {

  private final FhirContext fhir;
  private final FacadeAudit audit;
  private final BearerTokenAuthenticationEntryPoint bearerEntryPoint = new BearerTokenAuthenticationEntryPoint();
  private final BearerTokenAccessDeniedHandler bearerDenied = new BearerTokenAccessDeniedHandler();

  OperationOutcomeResponses(FhirContext fhir, FacadeAudit audit) {
    this.fhir = fhir;
    this.audit = audit;
  }

  /** 401: no token, or one that is not valid here (signature, issuer, audience, expiry). */
  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused)
      throws IOException {
    bearerEntryPoint.commence(request, response, refused);
    // In the audit trail like the refusals of the FHIR server behind: this one never reaches it.
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (path.startsWith("/fhir/")) {
      audit.refusedToken(request.getMethod(), path.substring("/fhir".length()), response.getStatus());
    }
    boolean tokenGiven = request.getHeader("Authorization") != null;
    write(response, IssueType.LOGIN, tokenGiven
        ? "CL-2094: the bearer token is not valid here (expired, not signed by the configured issuer, or for another audience)"
        : "CL-2090: a bearer token is required (OAuth 2.0 client credentials; see /fhir/.well-known/smart-configuration)");
  }

  /**
   * A token that could not be checked, because the issuer's metadata or keys could not be fetched:
   * 503 with {@code Retry-After} (the caller's token may well be good; trying again later may work),
   * never the 500 Spring Security would give. Any other failure is a 401 ({@link #commence}).
   */
  @Override
  public void onAuthenticationFailure(HttpServletRequest request, HttpServletResponse response,
      AuthenticationException failure) throws IOException {
    if (!(failure instanceof AuthenticationServiceException)) {
      commence(request, response, failure);
      return;
    }
    response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    response.setHeader("Retry-After", "30");
    write(response, IssueType.TRANSIENT,
        "CL-2095: the token could not be checked: the token issuer's keys cannot be fetched now; try again later");
  }

  /** 403: a path nothing on this port serves to callers. */
  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    bearerDenied.handle(request, response, denied);
    write(response, IssueType.FORBIDDEN, "CL-2091: not permitted");
  }

  private void write(HttpServletResponse response, IssueType type, String diagnostics) throws IOException {
    FhirJsonResponses.error(response, fhir, type, diagnostics);
  }
}
