package health.careloop.access;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call the integrators' FHIR base {@code /fhir}: bearer JWTs issued by one OAuth 2.0
 * authorization server (docs/security.md). There is no switch to turn this off: the façade shows
 * patients' planned messages.
 *
 * @param issuerUri the authorization server's issuer, exactly as its tokens' {@code iss} claim has
 *     it; its keys are found through its metadata ({@code /.well-known/openid-configuration} or
 *     {@code /.well-known/oauth-authorization-server}) unless {@code jwkSetUri} is given
 * @param jwkSetUri the authorization server's JSON Web Key Set, if its metadata should not be asked
 * @param audience the value a token's {@code aud} claim must contain: CareLoop's own identity at the
 *     authorization server (a token issued for another API is refused)
 * @param tokenEndpoint where clients get tokens, published in {@code /fhir/.well-known/smart-configuration}
 *     and the CapabilityStatement
 */
@ConfigurationProperties("careloop.security")
public record SecurityProperties(URI issuerUri, URI jwkSetUri, String audience, URI tokenEndpoint) {

  public SecurityProperties {
    if (issuerUri == null || issuerUri.toString().isBlank()) {
      throw missing("careloop.security.issuer-uri", "the issuer of the tokens integrators present on /fhir"
          + " (CARELOOP_SECURITY_ISSUER_URI), e.g. https://keycloak.example.org/realms/hospital");
    }
    if (audience == null || audience.isBlank()) {
      throw missing("careloop.security.audience", "the aud value tokens for CareLoop carry"
          + " (CARELOOP_SECURITY_AUDIENCE), e.g. careloop");
    }
    if (tokenEndpoint == null || tokenEndpoint.toString().isBlank()) {
      throw missing("careloop.security.token-endpoint", "the authorization server's token endpoint"
          + " (CARELOOP_SECURITY_TOKEN_ENDPOINT), published to integrators in SMART discovery");
    }
    requireAbsolute("careloop.security.issuer-uri", issuerUri);
    requireAbsolute("careloop.security.token-endpoint", tokenEndpoint);
    if (jwkSetUri != null && !jwkSetUri.toString().isBlank()) {
      requireAbsolute("careloop.security.jwk-set-uri", jwkSetUri);
    } else {
      jwkSetUri = null;
    }
  }

  private static IllegalArgumentException missing(String key, String what) {
    return new IllegalArgumentException(key + " is missing: set " + what + ". Without it nobody can be let"
        + " into /fhir, and CareLoop does not start with its FHIR API open (docs/security.md)");
  }

  private static void requireAbsolute(String key, URI uri) {
    if (!uri.isAbsolute() || uri.getHost() == null
        || !(uri.getScheme().equals("https") || uri.getScheme().equals("http"))) {
      throw new IllegalArgumentException(key + " must be an absolute http(s) URL, not " + uri);
    }
  }
}
