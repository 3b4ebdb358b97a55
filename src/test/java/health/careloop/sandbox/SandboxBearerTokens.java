package health.careloop.sandbox;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * The sandbox EHR as a SMART-protected one, while registered ({@link SandboxEhr#intercept}): every
 * FHIR request needs a bearer JWT that Spring's {@link NimbusJwtDecoder} accepts against the
 * authorization server's keys (its signature, issuer, the EHR's audience, not expired) and that
 * was not revoked; anything else is answered 401 with an OperationOutcome, before HAPI does
 * anything with it. It also serves {@code {base}/.well-known/smart-configuration}, naming the
 * authorization server's token endpoint. It counts what it accepted and refused, for the tests.
 */
@Interceptor
public final class SandboxBearerTokens {

  /** A request the EHR refused: its method, and whether it came with a token at all. */
  public record Refusal(String method, boolean hadToken) {}

  private static final String DISCOVERY = "/.well-known/smart-configuration";

  private final NimbusJwtDecoder decoder;
  private final String tokenEndpoint;
  private final Map<String, Set<String>> acceptedBySubject = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> requestsBySubject = new ConcurrentHashMap<>();
  private final Set<String> revoked = ConcurrentHashMap.newKeySet();
  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();

  public SandboxBearerTokens(String issuer, String jwkSetUri, String tokenEndpoint, String audience) {
    this.decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
    decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(JwtValidators.createDefaultWithIssuer(issuer),
        new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience))));
    this.tokenEndpoint = tokenEndpoint;
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
  public boolean requireToken(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (request.getRequestURI().endsWith(DISCOVERY)) {
      write(response, 200, "application/json", "{\"token_endpoint\":\"" + tokenEndpoint + "\","
          + "\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"],"
          + "\"token_endpoint_auth_signing_alg_values_supported\":[\"RS384\",\"ES384\"],"
          + "\"grant_types_supported\":[\"client_credentials\"]}");
      return false;
    }
    String authorization = request.getHeader("Authorization");
    String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
    Jwt jwt = token == null || revoked.contains(token) ? null : valid(token);
    if (jwt != null) {
      acceptedBySubject.computeIfAbsent(jwt.getSubject(), subject -> ConcurrentHashMap.newKeySet()).add(token);
      requestsBySubject.computeIfAbsent(jwt.getSubject(), subject -> new AtomicInteger()).incrementAndGet();
      return true;
    }
    refusals.add(new Refusal(request.getMethod(), token != null));
    write(response, 401, "application/fhir+json", "{\"resourceType\":\"OperationOutcome\",\"issue\":[{"
        + "\"severity\":\"error\",\"code\":\"login\",\"diagnostics\":\"a valid bearer token is required\"}]}");
    return false;
  }

  private Jwt valid(String token) {
    try {
      return decoder.decode(token);
    } catch (JwtException e) {
      return null;
    }
  }

  private static void write(HttpServletResponse response, int status, String type, String body) throws IOException {
    response.setStatus(status);
    response.setContentType(type);
    if (status == 401) {
      response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
    response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
  }

  /** Every token accepted so far stops being accepted (revoked by the EHR, or its keys rotated). */
  public void revokeEveryTokenSoFar() {
    acceptedBySubject.values().forEach(revoked::addAll);
  }

  /** How many requests it has let through with a token issued to {@code clientId}. */
  public int requestsAcceptedFrom(String clientId) {
    AtomicInteger count = requestsBySubject.get(clientId);
    return count == null ? 0 : count.get();
  }

  public List<Refusal> refusals() {
    return List.copyOf(refusals);
  }
}
