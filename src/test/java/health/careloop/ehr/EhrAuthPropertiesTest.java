package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.careloop.ehr.EhrAuthProperties.Type;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EhrAuthPropertiesTest {

  private static EhrAuthProperties smart(String clientId, String keyFile, String kid, String alg, String scope) {
    return new EhrAuthProperties(Type.SMART_BACKEND_SERVICES, null, null, clientId, null, scope,
        keyFile == null ? null : Path.of(keyFile), kid, alg, Duration.ofSeconds(60));
  }

  @Test
  void noTypeSet_aStaticBearerTokenMeansBearer_asBefore_andNothingMeansNone() {
    EhrAuthProperties unset = new EhrAuthProperties(null, null, null, null, null, EhrAuthProperties.DEFAULT_SCOPE,
        null, null, "RS384", Duration.ofSeconds(60));
    assertThat(unset.effectiveType("a-token")).isEqualTo(Type.BEARER);
    assertThat(unset.effectiveType(null)).isEqualTo(Type.NONE);
    assertThat(unset.effectiveType(" ")).isEqualTo(Type.NONE);
  }

  @Test
  void bearerWithoutAToken_isRefused_namingTheKey() {
    EhrAuthProperties bearer = new EhrAuthProperties(Type.BEARER, null, null, null, null,
        EhrAuthProperties.DEFAULT_SCOPE, null, null, "RS384", Duration.ofSeconds(60));
    assertThatThrownBy(() -> bearer.effectiveType("")).hasMessageContaining("careloop.ehr.bearer-token is missing");
  }

  @Test
  void basicWithoutAPassword_isRefused_namingTheKey() {
    assertThatThrownBy(() -> new EhrAuthProperties(Type.BASIC, "careloop", " ", null, null, null, null, null,
        "RS384", Duration.ZERO)).hasMessageContaining("careloop.ehr.auth.password is missing");
  }

  @Test
  void smartBackendServices_needsClientIdKeyFileAndKid_eachRefusalNamingItsKey() {
    assertThatThrownBy(() -> smart(null, "key.pem", "k1", "RS384", "system/Patient.r"))
        .hasMessageContaining("careloop.ehr.auth.client-id is missing");
    assertThatThrownBy(() -> smart("careloop", null, "k1", "RS384", "system/Patient.r"))
        .hasMessageContaining("careloop.ehr.auth.key-file is missing");
    assertThatThrownBy(() -> smart("careloop", "key.pem", "", "RS384", "system/Patient.r"))
        .hasMessageContaining("careloop.ehr.auth.kid is missing");
  }

  @Test
  void anAlgorithmSmartBackendServicesDoesNotAllow_isRefused_namingTheKey() {
    for (String alg : new String[] {"RS256", "HS256", "none", "es384"}) {
      assertThatThrownBy(() -> smart("careloop", "key.pem", "k1", alg, "system/Patient.r"))
          .hasMessageContaining("careloop.ehr.auth.alg must be RS384 or ES384");
    }
    assertThat(smart("careloop", "key.pem", "k1", "ES384", "system/Patient.r").alg()).isEqualTo("ES384");
  }

  @Test
  void aRelativeTokenEndpoint_isRefused_andABlankOneMeansDiscovery() {
    assertThatThrownBy(() -> new EhrAuthProperties(Type.SMART_BACKEND_SERVICES, null, null, "careloop",
        URI.create("/token"), "system/Patient.r", Path.of("k.pem"), "k1", "RS384", Duration.ZERO))
        .hasMessageContaining("careloop.ehr.auth.token-endpoint");
    assertThat(new EhrAuthProperties(Type.SMART_BACKEND_SERVICES, null, null, "careloop", URI.create(""),
        "system/Patient.r", Path.of("k.pem"), "k1", "RS384", Duration.ZERO).tokenEndpoint()).isNull();
  }

  /** Least privilege: system scopes for the types CareLoop uses, no wildcard, nothing for a user or a patient. */
  @Test
  void theDefaultScope_namesEachResourceTypeAndNoWildcard() {
    String[] scopes = EhrAuthProperties.DEFAULT_SCOPE.split(" ");
    assertThat(scopes).allMatch(scope -> scope.matches("system/[A-Z][A-Za-z]+\\.[cruds]+"));
    assertThat(EhrAuthProperties.DEFAULT_SCOPE).doesNotContain("*", "user/", "patient/", ".d");
    assertThat(Arrays.stream(scopes).filter(scope -> scope.matches(".*\\.[a-z]*[cu][a-z]*")))
        .as("written: only what CareLoop writes").extracting(scope -> scope.substring(7, scope.indexOf('.')))
        .containsExactlyInAnyOrder("Communication", "Task", "Provenance", "Subscription");
  }
}
