package health.careloop.ehr;

import health.careloop.config.SecretStrength;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The installation's secret for the keys of Patient.contact entries ({@link ContactKeys}).
 *
 * @param secret checked by {@link SecretStrength} (never a placeholder, at least 32 random-looking
 *     characters); the same on every CareLoop of the installation and kept for good
 */
@ConfigurationProperties("careloop.contact-keys")
public record ContactKeyProperties(String secret) {

  static final String KEY = "careloop.contact-keys.secret";

  public ContactKeyProperties {
    SecretStrength.require(KEY, "CARELOOP_CONTACT_KEY_SECRET", secret);
  }
}
