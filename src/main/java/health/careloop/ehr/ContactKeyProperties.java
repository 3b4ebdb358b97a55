package health.careloop.ehr;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The installation's secret for the keys of Patient.contact entries ({@link ContactKeys}).
 *
 * @param secret at least {@value #MIN_LENGTH} random characters, the same on every CareLoop of the
 *     installation and kept for good; never the placeholder shipped in config/application.yaml
 */
@ConfigurationProperties("careloop.contact-keys")
public record ContactKeyProperties(String secret) {

  static final String KEY = "careloop.contact-keys.secret";
  /** What config/application.yaml ships, so that nobody runs with a secret everyone can read. */
  static final String SHIPPED_PLACEHOLDER = "change-me-to-a-random-secret-of-32-characters-or-more";
  static final int MIN_LENGTH = 32;

  public ContactKeyProperties {
    // The value itself is never part of a message: it is a secret, even when it is a bad one.
    String how = " Set a random secret of at least " + MIN_LENGTH + " characters for this installation"
        + " (e.g. environment variable CARELOOP_CONTACT_KEY_SECRET), the same on every CareLoop of it.";
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException(KEY + " is missing." + how);
    }
    if (secret.strip().equals(SHIPPED_PLACEHOLDER)) {
      throw new IllegalArgumentException(KEY + " is still the placeholder shipped in config/application.yaml." + how);
    }
    if (secret.strip().length() < MIN_LENGTH) {
      throw new IllegalArgumentException(KEY + " must be at least " + MIN_LENGTH + " characters long." + how);
    }
  }
}
