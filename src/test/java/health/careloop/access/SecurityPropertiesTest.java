package health.careloop.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class SecurityPropertiesTest {

  private static final URI ISSUER = URI.create("https://keycloak.example.org/realms/hospital");
  private static final URI TOKEN = URI.create("https://keycloak.example.org/realms/hospital/protocol/openid-connect/token");

  @Test
  void aMissingIssuer_stopsStartUp_namingTheKey() {
    assertThatThrownBy(() -> new SecurityProperties(null, null, "careloop", TOKEN))
        .hasMessageContaining("careloop.security.issuer-uri is missing").hasMessageContaining("CARELOOP_SECURITY_ISSUER_URI");
    assertThatThrownBy(() -> new SecurityProperties(URI.create(""), null, "careloop", TOKEN))
        .hasMessageContaining("careloop.security.issuer-uri is missing");
  }

  @Test
  void aMissingAudienceOrTokenEndpoint_stopsStartUp_namingTheKey() {
    assertThatThrownBy(() -> new SecurityProperties(ISSUER, null, " ", TOKEN))
        .hasMessageContaining("careloop.security.audience is missing");
    assertThatThrownBy(() -> new SecurityProperties(ISSUER, null, "careloop", null))
        .hasMessageContaining("careloop.security.token-endpoint is missing");
  }

  @Test
  void aUrlThatIsNotAbsoluteHttp_stopsStartUp_namingTheKey() {
    assertThatThrownBy(() -> new SecurityProperties(URI.create("keycloak/realms/x"), null, "careloop", TOKEN))
        .hasMessageContaining("careloop.security.issuer-uri must be an absolute http(s) URL");
    assertThatThrownBy(() -> new SecurityProperties(ISSUER, URI.create("file:/etc/jwks.json"), "careloop", TOKEN))
        .hasMessageContaining("careloop.security.jwk-set-uri");
  }

  @Test
  void anEmptyKeySetUri_meansTheIssuersMetadata() {
    assertThat(new SecurityProperties(ISSUER, URI.create(""), "careloop", TOKEN).jwkSetUri()).isNull();
  }
}
