package health.careloop.intake.internal;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.config.FhirJsonResponses;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.Servlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.web.firewall.FirewalledRequest;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The hook's own way through the web server, a filter on the hook servlet's URL mappings alone. A
 * request the server mapped to that servlet goes from here through the hook's checks alone, never
 * down the rest of the filter chain: the HTTP firewall every request on CareLoop's port
 * passes (a path with {@code ;}, {@code %2F}, {@code ..}: 400), the count of deliveries in flight
 * ({@link HookInFlight}), the body checked as it is read ({@link HookBodyFilter}), and the hook's
 * servlet, whose first check is the subscription secret. The filters registered after this one
 * never see it: Spring Security's chains (the hook has no user, token or session to look at: its
 * secret is its authorization), Spring MVC's per-request handler look-up that Spring Security caches
 * for its matchers, form-body parsing, the request context. Under a flood of deliveries they took
 * about a fifth of the hook's CPU and did nothing for it. The request's observation
 * ({@code http.server.requests}) and character encoding come before, and still apply.
 */
final class HookLane extends OncePerRequestFilter {

  private static final Logger log = LoggerFactory.getLogger(HookLane.class);

  private final Servlet hook;
  private final HttpFirewall firewall;
  private final Filter inFlight;
  private final Filter bodyCheck;
  private final FhirContext fhir;

  HookLane(Servlet hook, HttpFirewall firewall, Filter inFlight, Filter bodyCheck, FhirContext fhir) {
    this.hook = hook;
    this.firewall = firewall;
    this.inFlight = inFlight;
    this.bodyCheck = bodyCheck;
    this.fhir = fhir;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain notTaken)
      throws ServletException, IOException {
    FirewalledRequest checked;
    try {
      checked = firewall.getFirewalledRequest(request);
    } catch (RequestRejectedException rejected) {
      refuse(request, response, rejected);
      return;
    }
    try {
      inFlight.doFilter(checked, response, (counted, sameResponse) ->
          bodyCheck.doFilter(counted, sameResponse, hook::service));
    } finally {
      checked.reset();
    }
  }

  /** As the rest of the hook answers what it refuses: a 400 with an OperationOutcome, nothing stored. */
  private void refuse(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
      throws IOException {
    // The firewall's reason names the kind of string refused, never the request's content.
    log.warn("Refused {} to the hook: {}", request.getMethod(), rejected.getMessage());
    response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    FhirJsonResponses.error(response, fhir, IssueType.INVALID,
        "CL-1132: the notification's request line or headers were refused: " + rejected.getMessage());
  }
}
