package health.careloop.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What CareLoop accepts as a secret: long, random-looking, not a value anyone can read in its files. */
class SecretStrengthTest {

  private static final SecureRandom RANDOM = new SecureRandom();

  @Test
  void whatTheDocumentedCommandsGenerate_isAccepted_everyTime() {
    for (int i = 0; i < 2_000; i++) {
      assertThat(SecretStrength.weakness(base64(48))).as("openssl rand -base64 48").isEmpty();
      assertThat(SecretStrength.weakness(hex(32))).as("openssl rand -hex 32").isEmpty();
    }
  }

  @Test
  void missing_orBlank_isRefused() {
    assertThat(SecretStrength.weakness(null)).hasValue("is missing");
    assertThat(SecretStrength.weakness("   ")).hasValue("is missing");
  }

  @Test
  void aPlaceholder_isRefused_evenWhenItIsLongAndVaried() {
    for (String placeholder : List.of(
        "change-me-to-a-long-random-secret",
        "replace-with-a-long-random-secret",
        "change-me-to-a-random-secret-of-32-characters-or-more",
        "demo-only-contact-key-secret-for-made-up-patients",
        "please-CHANGE-ME-before-production-Xq7!Zr9#Lm2$Wv5",
        "replace-me-with-something-random-k3J9qPz0wLx8vB2n")) {
      assertThat(SecretStrength.weakness(placeholder)).as(placeholder).hasValue("is a placeholder, not a secret");
    }
  }

  @Test
  void shorterThan32Characters_isRefused_evenWhenRandom() {
    String random31 = base64(48).substring(0, 31);

    assertThat(SecretStrength.weakness(random31)).hasValue("is shorter than 32 characters");
    assertThat(SecretStrength.weakness(base64(48).substring(0, 32))).isEmpty();
  }

  @Test
  void aLongValueThatIsNotRandom_isRefused() {
    for (String notRandom : List.of(
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
        "abababababababababababababababababababab",
        "passwordpasswordpasswordpasswordpassword",
        "00000000000000000000000000000000000000001",
        "12345678901234567890123456789012345678901234",
        "abcdefghijklmnopabcdefghijklmnopabcdefghijklmnop",
        "zyxwvutsrqponmlkjihgfedcbazyxwvutsrqponmlkji")) {
      assertThat(SecretStrength.weakness(notRandom)).as(notRandom)
          .hasValueSatisfying(w -> assertThat(w).startsWith("does not look random"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"with a space in the middle of it 0123456789abcdef", "with-a-tab\tin-it-0123456789abcdefghijkl",
      "ünïcödé-is-not-for-headers-0123456789abcdefghij", "a-line-break\r\nX-Injected: header-0123456789"})
  void anythingButVisibleAscii_isRefused_becauseTheSecretTravelsInAnHttpHeader(String value) {
    assertThat(SecretStrength.weakness(value)).hasValue("holds a character other than visible ASCII (letters, digits, punctuation)");
  }

  @Test
  void require_namesTheKeyAndTheWayOut_neverTheValue() {
    String tooShort = "Xq7!Zr9#Lm2$Wv5";

    assertThatThrownBy(() -> SecretStrength.require("careloop.subscriptions.secret", "CARELOOP_SUBSCRIPTION_SECRET", tooShort))
        .isInstanceOfSatisfying(UnsafeSecretException.class, e -> {
          assertThat(e.key()).isEqualTo("careloop.subscriptions.secret");
          assertThat(e.getMessage()).contains("careloop.subscriptions.secret", "shorter than 32 characters",
              "CARELOOP_SUBSCRIPTION_SECRET", "openssl rand -base64 48").doesNotContain(tooShort);
        });
  }

  private static String base64(int bytes) {
    return Base64.getEncoder().encodeToString(randomBytes(bytes));
  }

  private static String hex(int bytes) {
    return HexFormat.of().formatHex(randomBytes(bytes));
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }
}
