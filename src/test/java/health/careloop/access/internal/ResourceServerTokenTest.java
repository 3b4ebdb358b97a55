package health.careloop.access.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.careloop.access.SecurityProperties;
import health.careloop.support.TestTokens;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** The token checks CareLoop's {@code /fhir} applies, on tokens signed by the tests' own key set. */
class ResourceServerTokenTest {

  private final JwtDecoder decoder = new ResourceServerConfiguration().jwtDecoder(new SecurityProperties(
      URI.create(TestTokens.ISSUER), URI.create(TestTokens.careLoopProperties().get("careloop.security.jwk-set-uri")),
      TestTokens.AUDIENCE, URI.create(TestTokens.TOKEN_ENDPOINT)));

  @Test
  void aCurrentTokenOfTheIssuerForCareLoop_isAccepted() {
    assertThat(decoder.decode(TestTokens.token(List.of("system/Task.rs"), Map.of(), Duration.ofMinutes(5)))
        .getClaimAsString("scope")).isEqualTo("system/Task.rs");
  }

  @Test
  void anExpiredToken_isRefused() {
    String expired = TestTokens.token(List.of("system/Task.rs"), Map.of(), Duration.ofMinutes(-5));

    assertThatThrownBy(() -> decoder.decode(expired)).isInstanceOf(JwtException.class).hasMessageContaining("expired");
  }

  @Test
  void aTokenForAnotherAudience_isRefused() {
    String forAnotherApi = TestTokens.token(List.of("system/Task.rs"), Map.of("aud", "another-api"), Duration.ofMinutes(5));

    assertThatThrownBy(() -> decoder.decode(forAnotherApi)).isInstanceOf(JwtException.class).hasMessageContaining("aud");
  }

  @Test
  void aTokenOfAnotherIssuer_isRefused() {
    String otherIssuer = TestTokens.token(List.of("system/Task.rs"), Map.of("iss", "https://elsewhere.example"),
        Duration.ofMinutes(5));

    assertThatThrownBy(() -> decoder.decode(otherIssuer)).isInstanceOf(JwtException.class).hasMessageContaining("iss");
  }
}
