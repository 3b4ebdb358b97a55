package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EhrSigningKeysTest {

  @TempDir
  Path folder;

  @Test
  void pemRsaKey_signsUnderTheConfiguredKidAndRs384_andOnlyItsPublicHalfIsPublished() {
    RSAKey key = TestKeys.rsa("ignored");
    EhrSigningKeys keys = EhrSigningKeys.load(TestKeys.pemFile(folder, key, false), "careloop-2026", "RS384");

    assertThat(keys.signing().getKeyID()).isEqualTo("careloop-2026");
    assertThat(keys.signing().getAlgorithm()).isEqualTo(JWSAlgorithm.RS384);
    assertThat(keys.signing().isPrivate()).isTrue();
    assertThat(keys.publicKeys().getKeys()).singleElement().satisfies(published -> {
      assertThat(published.isPrivate()).isFalse();
      assertThat(published.getKeyID()).isEqualTo("careloop-2026");
      assertThat(published.toRSAKey().getModulus()).isEqualTo(key.getModulus());
    });
    assertThat(keys.publicKeys().toString(true)).doesNotContain("\"d\"", "\"p\"", "\"q\"");
  }

  @Test
  void pemEcKey_withItsPublicKey_signsEs384() {
    ECKey key = TestKeys.ec("ignored");
    EhrSigningKeys keys = EhrSigningKeys.load(TestKeys.pemFile(folder, key, true), "ec-1", "ES384");

    assertThat(keys.signing().getAlgorithm()).isEqualTo(JWSAlgorithm.ES384);
    assertThat(keys.publicKeys().getKeys()).singleElement()
        .satisfies(published -> assertThat(published.toECKey().getX()).isEqualTo(key.getX()));
  }

  @Test
  void pemEcKey_withoutItsPublicKey_isRefused_namingTheKeyAndTheCommandThatAddsIt() {
    Path file = TestKeys.pemFile(folder, TestKeys.ec("x"), false);
    assertThatThrownBy(() -> EhrSigningKeys.load(file, "ec-1", "ES384"))
        .hasMessageContaining("careloop.ehr.auth.key-file").hasMessageContaining("openssl pkey -in <file> -pubout");
  }

  @Test
  void jwksWithSeveralKeys_theKidPicksTheSigningOne_andEveryPublicHalfIsPublished() {
    RSAKey old = TestKeys.rsa("careloop-2025");
    RSAKey current = TestKeys.rsa("careloop-2026");
    EhrSigningKeys keys = EhrSigningKeys.load(TestKeys.jwksFile(folder, List.of(old, current)), "careloop-2026",
        "RS384");

    assertThat(keys.signing().toRSAKey().getModulus()).isEqualTo(current.getModulus());
    assertThat(keys.publicKeys().getKeys()).extracting(JWK::getKeyID).containsExactly("careloop-2025", "careloop-2026");
    assertThat(keys.publicKeys().getKeys()).noneMatch(JWK::isPrivate);
  }

  @Test
  void aKidThatIsNotInTheFile_isRefused_namingTheKidAndTheKeysThere() {
    Path file = TestKeys.jwksFile(folder, List.of(TestKeys.rsa("careloop-2025")));
    assertThatThrownBy(() -> EhrSigningKeys.load(file, "careloop-2026", "RS384"))
        .hasMessageContaining("careloop.ehr.auth.kid careloop-2026 is not a key in")
        .hasMessageContaining("careloop-2025");
  }

  @Test
  void aJwksHoldingOnlyThePublicKey_isRefused() {
    Path file = TestKeys.jwksFile(folder, List.of(TestKeys.rsa("k1").toPublicJWK()));
    assertThatThrownBy(() -> EhrSigningKeys.load(file, "k1", "RS384"))
        .hasMessageContaining("careloop.ehr.auth.key-file").hasMessageContaining("only the public part");
  }

  @Test
  void anAlgorithmThatDoesNotFitTheKey_isRefused_namingTheKey() {
    Path file = TestKeys.jwksFile(folder, List.of(TestKeys.rsa("k1")));
    assertThatThrownBy(() -> EhrSigningKeys.load(file, "k1", "ES384"))
        .hasMessageContaining("careloop.ehr.auth.alg ES384 does not fit key k1");
  }

  @Test
  void anUnreadableFile_isRefused_namingTheKeyAndTheFile_neverItsContent() {
    Path missing = folder.resolve("no-such-key.pem");
    assertThatThrownBy(() -> EhrSigningKeys.load(missing, "k1", "RS384"))
        .hasMessageContaining("careloop.ehr.auth.key-file").hasMessageContaining("no-such-key.pem")
        .hasMessageContaining("cannot be read");
  }

  @Test
  void aFileWithoutAPrivateKey_isRefused_andTheMessageShowsNoKeyMaterial() throws Exception {
    Path file = TestKeys.pemFile(folder, TestKeys.rsa("k1"), true);
    String text = java.nio.file.Files.readString(file).replace("PRIVATE KEY", "SOMETHING ELSE");
    java.nio.file.Files.writeString(file, text);
    assertThatThrownBy(() -> EhrSigningKeys.load(file, "k1", "RS384"))
        .hasMessageContaining("holds no PKCS#8 private key")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(text.lines().skip(1).findFirst().orElseThrow()));
  }
}
