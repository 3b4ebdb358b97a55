package health.careloop.ehr;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** Key files as an operator makes them (docs/security.md), written from keys made here. */
public final class TestKeys {

  private TestKeys() {}

  public static RSAKey rsa(String kid) {
    try {
      return new RSAKeyGenerator(2048).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public static ECKey ec(String kid) {
    try {
      return new ECKeyGenerator(Curve.P_384).keyID(kid).generate();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A JWKS file holding these (private) keys. */
  public static Path jwksFile(Path folder, List<JWK> keys) {
    return write(folder.resolve("careloop-keys.json"), new JWKSet(keys).toString(false));
  }

  /** A PEM file with the PKCS#8 private key (as {@code openssl genpkey}) and, if asked, the public key. */
  public static Path pemFile(Path folder, JWK key, boolean withPublicKey) {
    try {
      String pem = pem("PRIVATE KEY", key instanceof RSAKey rsa ? rsa.toPrivateKey().getEncoded()
          : ((ECKey) key).toPrivateKey().getEncoded());
      if (withPublicKey) {
        pem += pem("PUBLIC KEY", key instanceof RSAKey rsa ? rsa.toPublicKey().getEncoded()
            : ((ECKey) key).toPublicKey().getEncoded());
      }
      return write(folder.resolve("careloop-key.pem"), pem);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private static Path write(Path file, String text) {
    try {
      return Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
