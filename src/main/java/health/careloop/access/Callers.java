package health.careloop.access;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** The caller of the request being handled, from the token Spring Security validated for it. */
public final class Callers {

  /** Where the scopes are: {@code scope} (RFC 9068, SMART), or {@code scp} (Azure AD and others). */
  private static final String[] SCOPE_CLAIMS = {"scope", "scp"};
  /** The SMART launch context's Patient, as a claim of the access token. */
  public static final String PATIENT_CLAIM = "patient";
  private static final String[] CLIENT_ID_CLAIMS = {"client_id", "azp", "sub"};

  /** The current caller; empty when the request carries no validated token. */
  public static Optional<Caller> current() {
    if (SecurityContextHolder.getContext().getAuthentication() instanceof JwtAuthenticationToken token) {
      return Optional.of(of(token.getToken()));
    }
    return Optional.empty();
  }

  static Caller of(Jwt jwt) {
    Set<String> scopes = Arrays.stream(SCOPE_CLAIMS).map(jwt::getClaim).flatMap(Callers::values)
        .collect(Collectors.toSet());
    Object patient = jwt.getClaim(PATIENT_CLAIM);
    return new Caller(scopes, patient instanceof String id ? Optional.of(id) : Optional.empty(),
        clientIdOf(jwt.getClaims()));
  }

  /**
   * The client's id: {@code client_id} (RFC 9068, the JWT profile of access tokens), else
   * {@code azp} (OpenID Connect, Keycloak), else {@code sub} (a client_credentials token's subject
   * is the client).
   */
  static Optional<String> clientIdOf(java.util.Map<String, Object> claims) {
    for (String claim : CLIENT_ID_CLAIMS) {
      if (claims.get(claim) instanceof String id && !id.isBlank()) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  /** A scope claim as a space-separated string or a list of strings. */
  private static java.util.stream.Stream<String> values(Object claim) {
    if (claim instanceof String text) {
      return Arrays.stream(text.trim().split("\\s+")).filter(s -> !s.isEmpty());
    }
    if (claim instanceof Collection<?> list) {
      return list.stream().filter(String.class::isInstance).map(String.class::cast);
    }
    return java.util.stream.Stream.empty();
  }

  private Callers() {}
}
