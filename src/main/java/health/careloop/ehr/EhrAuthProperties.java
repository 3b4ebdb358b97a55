package health.careloop.ehr;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How CareLoop proves who it is to the EHR (docs/security.md, "CareLoop towards the EHR").
 *
 * @param type {@code none}, {@code bearer} (the static {@code careloop.ehr.bearer-token}),
 *     {@code basic} or {@code smart-backend-services}; unset: {@code bearer} if a bearer token is set,
 *     else {@code none}
 * @param username for {@code basic}
 * @param password for {@code basic}
 * @param clientId CareLoop's client id at the EHR's authorization server ({@code smart-backend-services})
 * @param tokenEndpoint the authorization server's token endpoint; unset: the {@code token_endpoint} of
 *     the EHR's {@code {base}/.well-known/smart-configuration}, asked at the first token request
 * @param scope the scopes asked for, space-separated: by default what CareLoop reads and writes, no more
 * @param keyFile CareLoop's private signing key(s): a PEM file (PKCS#8 private key, and for an EC key
 *     its public key too) or a JSON Web Key Set holding private keys
 * @param kid the key id of the key that signs; in a JWKS file it must be one of its keys
 * @param alg {@code RS384} (an RSA key) or {@code ES384} (an EC P-384 key)
 * @param refreshBefore how long before its expiry a token is replaced by a new one
 */
@ConfigurationProperties("careloop.ehr.auth")
public record EhrAuthProperties(
    Type type,
    String username,
    String password,
    String clientId,
    URI tokenEndpoint,
    @DefaultValue(DEFAULT_SCOPE) String scope,
    Path keyFile,
    String kid,
    @DefaultValue("RS384") String alg,
    @DefaultValue("60s") Duration refreshBefore) {

  /**
   * What CareLoop does in the EHR: reads appointments, visits and what a message is written from
   * (patients, their contacts and consents, practitioners, places), writes Communications, Tasks and
   * their Provenance, and keeps its own Subscriptions. SMART v2 scope syntax.
   */
  public static final String DEFAULT_SCOPE = "system/Appointment.rs system/Encounter.rs system/Patient.rs"
      + " system/RelatedPerson.rs system/Consent.rs system/Practitioner.r system/PractitionerRole.rs"
      + " system/Location.r system/Organization.r system/Condition.rs system/Procedure.rs"
      + " system/ServiceRequest.rs system/DiagnosticReport.rs system/Communication.crs system/Task.crus"
      + " system/Provenance.c system/Subscription.crus";

  static final Set<String> ALGORITHMS = Set.of("RS384", "ES384");

  /** The ways CareLoop can authenticate to the EHR. */
  public enum Type { NONE, BEARER, BASIC, SMART_BACKEND_SERVICES }

  public EhrAuthProperties {
    if (type == Type.BASIC) {
      require("careloop.ehr.auth.username", username, "the user name CareLoop logs in to the EHR with");
      require("careloop.ehr.auth.password", password, "its password (CARELOOP_EHR_AUTH_PASSWORD)");
    }
    if (type == Type.SMART_BACKEND_SERVICES) {
      require("careloop.ehr.auth.client-id", clientId, "CareLoop's client id at the EHR's authorization server");
      require("careloop.ehr.auth.kid", kid, "the key id of CareLoop's signing key");
      if (keyFile == null || keyFile.toString().isBlank()) {
        throw new IllegalArgumentException("careloop.ehr.auth.key-file is missing: set the PEM or JWKS file"
            + " holding CareLoop's private signing key (docs/security.md)");
      }
      if (alg == null || !ALGORITHMS.contains(alg)) {
        throw new IllegalArgumentException("careloop.ehr.auth.alg must be RS384 or ES384 (what SMART Backend"
            + " Services allows), not " + alg);
      }
      if (scope == null || scope.isBlank()) {
        throw new IllegalArgumentException("careloop.ehr.auth.scope is empty: leave it unset for CareLoop's"
            + " default scopes, or list the scopes the EHR grants CareLoop");
      }
      if (tokenEndpoint != null && tokenEndpoint.toString().isBlank()) {
        tokenEndpoint = null;
      }
      if (tokenEndpoint != null && (!tokenEndpoint.isAbsolute() || tokenEndpoint.getHost() == null)) {
        throw new IllegalArgumentException("careloop.ehr.auth.token-endpoint must be an absolute http(s) URL, not "
            + tokenEndpoint);
      }
      if (refreshBefore == null || refreshBefore.isNegative()) {
        throw new IllegalArgumentException("careloop.ehr.auth.refresh-before must be zero or more, not " + refreshBefore);
      }
    }
  }

  /** The type in force: set, or implied by a static bearer token. */
  Type effectiveType(String bearerToken) {
    boolean hasToken = bearerToken != null && !bearerToken.isBlank();
    Type effective = type != null ? type : hasToken ? Type.BEARER : Type.NONE;
    if (effective == Type.BEARER && !hasToken) {
      throw new IllegalArgumentException("careloop.ehr.bearer-token is missing: careloop.ehr.auth.type is bearer");
    }
    return effective;
  }

  private static void require(String key, String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(key + " is missing: set " + what + " (careloop.ehr.auth.type is "
          + "set to use it)");
    }
  }
}
