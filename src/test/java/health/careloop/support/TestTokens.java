package health.careloop.support;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import health.careloop.access.FacadeAccessInterceptor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The tests' own token issuer: one RSA key pair made once per test JVM, its public JWK set served
 * over HTTP on a random port (CareLoop fetches it as it would an authorization server's), and
 * signed JWTs with whatever scopes and claims a test needs. CareLoop instances started by
 * {@link CareLoopInstance} trust it; the tests about access itself use a real authorization server
 * ({@link TestAuthorizationServer}) instead.
 */
public final class TestTokens {

  public static final String ISSUER = "https://issuer.careloop-tests.invalid";
  public static final String AUDIENCE = "careloop";
  public static final String TOKEN_ENDPOINT = ISSUER + "/token";
  /** Every scope the façade knows: what the tests' helpers present on every call. */
  public static final List<String> ALL_SCOPES = List.of("system/CommunicationRequest.rs", "system/Task.rs",
      FacadeAccessInterceptor.PREVIEW, FacadeAccessInterceptor.SYNC, FacadeAccessInterceptor.REPLAY);

  private static final RSAKey KEY = generate();
  private static String jwkSetUri;
  private static String allScopes;

  private TestTokens() {}

  /** CareLoop's settings that make it trust these tokens. */
  public static synchronized Map<String, String> careLoopProperties() {
    return Map.of(
        "careloop.security.issuer-uri", ISSUER,
        "careloop.security.jwk-set-uri", jwkSetUri(),
        "careloop.security.audience", AUDIENCE,
        "careloop.security.token-endpoint", TOKEN_ENDPOINT);
  }

  /** A token with every scope, valid for the rest of the test run. */
  public static synchronized String allScopes() {
    if (allScopes == null) {
      allScopes = token(ALL_SCOPES, Map.of(), Duration.ofHours(12));
    }
    return allScopes;
  }

  /**
   * A token with these scopes and extra claims (e.g. {@code patient}), for CareLoop's audience,
   * expiring {@code validFor} from now (negative: expired that long ago, issued ten minutes before).
   */
  public static String token(List<String> scopes, Map<String, Object> claims, Duration validFor) {
    Instant expires = Instant.now().plus(validFor);
    Instant issued = validFor.isNegative() ? expires.minus(Duration.ofMinutes(10)) : Instant.now();
    JWTClaimsSet.Builder body = new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE)
        .subject("careloop-tests").jwtID(UUID.randomUUID().toString())
        .issueTime(Date.from(issued)).notBeforeTime(Date.from(issued)).expirationTime(Date.from(expires))
        .claim("scope", String.join(" ", scopes));
    new HashMap<>(claims).forEach(body::claim);
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(),
        body.build());
    try {
      jwt.sign(new RSASSASigner(KEY));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }

  private static synchronized String jwkSetUri() {
    if (jwkSetUri == null) {
      byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
      try {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/jwks", exchange -> {
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
        server.setExecutor(null);
        server.start();
        jwkSetUri = "http://127.0.0.1:" + server.getAddress().getPort() + "/jwks";
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return jwkSetUri;
  }

  private static RSAKey generate() {
    try {
      return new RSAKeyGenerator(2048).keyID("careloop-tests").generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
