package health.careloop.ehr;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CareLoop's keys for SMART Backend Services, read once at start-up from {@code careloop.ehr.auth.key-file}:
 * the one that signs (by {@code kid}) and the public halves of all of them, which CareLoop publishes
 * so that the EHR can check its signatures and keys can be rotated. Anything wrong with the file
 * (unreadable, no private key, {@code kid} not in it, a key that does not fit {@code alg}) stops
 * start-up with a message naming the key; the message never shows key material.
 */
final class EhrSigningKeys {

  static final String KEY_FILE = "careloop.ehr.auth.key-file";
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private final JWK signing;
  private final JWKSet publicKeys;

  private EhrSigningKeys(JWK signing, JWKSet publicKeys) {
    this.signing = signing;
    this.publicKeys = publicKeys;
  }

  /** The private key that signs CareLoop's assertions, with its {@code kid} and {@code alg}. */
  JWK signing() {
    return signing;
  }

  /** Every key's public half: what {@code /.well-known/jwks.json} shows. */
  JWKSet publicKeys() {
    return publicKeys;
  }

  static EhrSigningKeys load(Path file, String kid, String alg) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw refused(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    JWSAlgorithm algorithm = JWSAlgorithm.parse(alg);
    List<JWK> keys = text.stripLeading().startsWith("{") ? fromJwks(file, text) : List.of(fromPem(file, text, kid));
    JWK signing = keys.stream().filter(key -> kid.equals(key.getKeyID())).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("careloop.ehr.auth.kid " + kid + " is not a key in "
            + file + " (" + KEY_FILE + "), which holds " + keys.stream().map(JWK::getKeyID).toList()));
    if (!signing.isPrivate()) {
      throw refused(file, "holds only the public part of key " + kid + ": CareLoop needs the private key to sign");
    }
    if (!fits(signing, algorithm)) {
      throw new IllegalArgumentException("careloop.ehr.auth.alg " + alg + " does not fit key " + kid + " in " + file
          + " (RS384 needs an RSA key of at least 2048 bits, ES384 an EC key on P-384)");
    }
    JWK withAlg = signing instanceof RSAKey rsa
        ? new RSAKey.Builder(rsa).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).build()
        : new ECKey.Builder((ECKey) signing).algorithm(algorithm).keyUse(KeyUse.SIGNATURE).build();
    return new EhrSigningKeys(withAlg, new JWKSet(keys).toPublicJWKSet());
  }

  private static boolean fits(JWK key, JWSAlgorithm algorithm) {
    if (JWSAlgorithm.RS384.equals(algorithm)) {
      return key instanceof RSAKey rsa && rsa.size() >= 2048;
    }
    return key instanceof ECKey ec && Curve.P_384.equals(ec.getCurve());
  }

  private static List<JWK> fromJwks(Path file, String text) {
    try {
      List<JWK> keys = JWKSet.parse(text).getKeys();
      if (keys.isEmpty()) {
        throw refused(file, "is a JSON Web Key Set without keys");
      }
      if (keys.stream().anyMatch(key -> key.getKeyID() == null || key.getKeyID().isBlank())) {
        throw refused(file, "has a key without a kid: every key in it needs one, to be chosen and rotated by it");
      }
      return keys;
    } catch (ParseException e) {
      throw refused(file, "is not a valid JSON Web Key Set");
    }
  }

  /** A PKCS#8 private key, RSA or EC; an EC key needs its public key in the file too (Java cannot derive it). */
  private static JWK fromPem(Path file, String text, String kid) {
    Optional<byte[]> privateDer = block(text, "PRIVATE KEY");
    if (privateDer.isEmpty()) {
      throw refused(file, "holds no PKCS#8 private key (-----BEGIN PRIVATE KEY-----; convert with "
          + "openssl pkcs8 -topk8 -nocrypt)");
    }
    Optional<byte[]> publicDer = block(text, "PUBLIC KEY");
    try {
      for (String type : List.of("RSA", "EC")) {
        KeyFactory factory = KeyFactory.getInstance(type);
        java.security.PrivateKey key;
        try {
          key = factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer.get()));
        } catch (GeneralSecurityException notThisType) {
          continue;
        }
        if (key instanceof RSAPrivateCrtKey rsa) {
          RSAPublicKey pub = (RSAPublicKey) factory.generatePublic(
              new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent()));
          return new RSAKey.Builder(pub).privateKey(rsa).keyID(kid).build();
        }
        if (key instanceof ECPrivateKey ec) {
          if (publicDer.isEmpty()) {
            throw refused(file, "holds an EC private key without its public key: append it with "
                + "openssl pkey -in <file> -pubout >> <file>");
          }
          ECPublicKey pub = (ECPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicDer.get()));
          return new ECKey.Builder(Curve.forECParameterSpec(pub.getParams()), pub).privateKey(ec).keyID(kid).build();
        }
      }
    } catch (GeneralSecurityException | RuntimeException e) {
      if (e instanceof IllegalArgumentException refusal && refusal.getMessage().startsWith(KEY_FILE)) {
        throw refusal;
      }
      throw refused(file, "holds a key Java cannot read (" + e.getClass().getSimpleName() + ")");
    }
    throw refused(file, "holds a private key that is neither RSA nor EC");
  }

  private static Optional<byte[]> block(String text, String type) {
    Matcher matcher = PEM.matcher(text);
    while (matcher.find()) {
      if (matcher.group(1).equals(type)) {
        return Optional.of(Base64.getMimeDecoder().decode(matcher.group(2)));
      }
    }
    return Optional.empty();
  }

  private static IllegalArgumentException refused(Path file, String problem) {
    return new IllegalArgumentException(KEY_FILE + ": " + file + " " + problem + " (docs/security.md)");
  }
}
