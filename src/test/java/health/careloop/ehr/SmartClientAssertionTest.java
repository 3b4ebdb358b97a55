package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.util.MultiValueMap;

/** The client assertion as SMART Backend Services asks for it, for both algorithms it allows. */
class SmartClientAssertionTest {

  private static final String TOKEN_ENDPOINT = "https://auth.hospital.example/oauth2/token";

  @TempDir
  Path folder;

  @Test
  void rs384Assertion_hasTheClaimsAndHeaderSmartBackendServicesRequires_andVerifiesWithThePublishedKey()
      throws Exception {
    RSAKey key = TestKeys.rsa("careloop-2026");
    EhrSigningKeys keys = EhrSigningKeys.load(TestKeys.jwksFile(folder, List.of(TestKeys.rsa("old"), key)),
        "careloop-2026", "RS384");

    MultiValueMap<String, String> form = SmartBackendServicesTokens.assertions(keys.signing())
        .convert(new OAuth2ClientCredentialsGrantRequest(registration()));

    assertThat(form.getFirst("client_assertion_type"))
        .isEqualTo("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
    SignedJWT assertion = SignedJWT.parse(form.getFirst("client_assertion"));
    assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS384);
    assertThat(assertion.getHeader().getKeyID()).isEqualTo("careloop-2026");
    assertThat(assertion.verify(new RSASSAVerifier(keys.publicKeys().getKeyByKeyId("careloop-2026").toRSAKey())))
        .isTrue();
    var claims = assertion.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo("careloop-client");
    assertThat(claims.getSubject()).isEqualTo("careloop-client");
    assertThat(claims.getAudience()).containsExactly(TOKEN_ENDPOINT);
    assertThat(claims.getJWTID()).isNotBlank();
    assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
        .isPositive().isLessThanOrEqualTo(Duration.ofMinutes(5));
    assertThat(form.getFirst("client_secret")).isNull();
  }

  @Test
  void es384Assertion_isSignedWithTheEcKey() throws Exception {
    ECKey key = TestKeys.ec("ec-1");
    EhrSigningKeys keys = EhrSigningKeys.load(TestKeys.pemFile(folder, key, true), "ec-1", "ES384");

    SignedJWT assertion = SignedJWT.parse(SmartBackendServicesTokens.assertions(keys.signing())
        .convert(new OAuth2ClientCredentialsGrantRequest(registration())).getFirst("client_assertion"));

    assertThat(assertion.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
    assertThat(assertion.getHeader().getKeyID()).isEqualTo("ec-1");
    assertThat(assertion.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
  }

  @Test
  void everyAssertionHasItsOwnJti() throws Exception {
    JWK key = EhrSigningKeys.load(TestKeys.jwksFile(folder, List.of(TestKeys.rsa("k1"))), "k1", "RS384").signing();
    var converter = SmartBackendServicesTokens.assertions(key);
    String first = SignedJWT.parse(converter.convert(new OAuth2ClientCredentialsGrantRequest(registration()))
        .getFirst("client_assertion")).getJWTClaimsSet().getJWTID();
    String second = SignedJWT.parse(converter.convert(new OAuth2ClientCredentialsGrantRequest(registration()))
        .getFirst("client_assertion")).getJWTClaimsSet().getJWTID();
    assertThat(first).isNotEqualTo(second);
  }

  private static ClientRegistration registration() {
    return ClientRegistration.withRegistrationId("ehr").clientId("careloop-client")
        .clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT)
        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
        .scope("system/Patient.r").tokenUri(TOKEN_ENDPOINT).build();
  }
}
