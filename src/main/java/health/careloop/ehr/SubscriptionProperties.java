package health.careloop.ehr;

import health.careloop.config.SecretStrength;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Subscriptions CareLoop keeps in the EHR.
 *
 * <p>The default criteria take every change of the type: HAPI (like most EHRs) notifies nothing
 * when a resource stops matching, so {@code Appointment?status=booked} would never tell us about a
 * cancellation.
 *
 * @param secret shared secret the EHR sends back in the {@code Authorization: Bearer} header of
 *     every notification; CareLoop refuses notifications without it. Checked by
 *     {@link SecretStrength} (never a placeholder, at least 32 random-looking characters)
 * @param endpoint CareLoop's FHIR base ({@code …/fhir}) as the EHR can reach it; the EHR delivers
 *     to its sibling {@code …/hook} ({@link #hookEndpoint}). Empty means
 *     {@code http://localhost:<server port>/fhir} (development only: start-up refuses it, and any
 *     loopback address, while the EHR is on another machine; see {@link NotificationEndpoint})
 * @param checkEvery how often one replica reads CareLoop's Subscriptions back from the EHR and
 *     repairs them (recreated if deleted, set live again after {@code error} or {@code off}, put
 *     back if changed), each repair followed by a catch-up
 * @param silenceAlertAfter a Subscription that has delivered nothing for this long while the EHR
 *     holds changes of its type is reported (health warning, log) and a catch-up runs
 * @param style {@code criteria} (default): R4 Subscriptions with the criteria above; {@code topic}:
 *     Subscriptions Backport IG Subscriptions on the EHR's topics ({@link TopicSubscriptions}), the
 *     criteria above as their filter
 * @param topic the topics and the payload of {@code topic} style Subscriptions
 */
@Validated
@ConfigurationProperties("careloop.subscriptions")
public record SubscriptionProperties(
    String secret,
    URI endpoint,
    @DefaultValue("Appointment?") @NotBlank String appointmentCriteria,
    @DefaultValue("Encounter?") @NotBlank String encounterCriteria,
    @DefaultValue("PT5M") @DurationMin(seconds = 30, message = "must be at least 30 seconds") Duration checkEvery,
    @DefaultValue("PT6H") @DurationMin(minutes = 10, message = "must be at least 10 minutes") Duration silenceAlertAfter,
    @DefaultValue("criteria") SubscriptionStyle style,
    @DefaultValue @Valid TopicSubscriptions topic) {

  static final String SECRET_KEY = "careloop.subscriptions.secret";
  static final String ENDPOINT_KEY = "careloop.subscriptions.endpoint";
  /** Where the EHR's notifications arrive: a base of their own, next to the integrators' {@code /fhir}. */
  public static final String HOOK_PATH = "/hook";
  private static final String FACADE_PATH = "/fhir";

  public SubscriptionProperties {
    SecretStrength.require(SECRET_KEY, "CARELOOP_SUBSCRIPTION_SECRET", secret);
    if (endpoint != null && !endpoint.toString().isEmpty()) {
      // Not a secret: the value may be shown.
      boolean web = "http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme());
      if (!web || endpoint.getHost() == null || endpoint.getQuery() != null || endpoint.getFragment() != null
          || !stripSlash(endpoint.getPath()).endsWith(FACADE_PATH)) {
        throw new IllegalArgumentException(ENDPOINT_KEY + " must be CareLoop's FHIR base as the EHR reaches it, an"
            + " http(s) URL ending in " + FACADE_PATH + " (e.g. https://careloop.example.org" + FACADE_PATH
            + "); the EHR delivers to its sibling " + HOOK_PATH + ". Got " + endpoint);
      }
    } else {
      endpoint = null;
    }
  }

  /**
   * Where CareLoop's Subscriptions deliver: {@code endpoint} with {@code /fhir} replaced by
   * {@code /hook}, or {@code http://localhost:<localPort>/hook} when no endpoint is configured.
   */
  public URI hookEndpoint(int localPort) {
    if (endpoint == null) {
      return URI.create("http://localhost:" + localPort + HOOK_PATH);
    }
    String base = stripSlash(endpoint.toString());
    return URI.create(base.substring(0, base.length() - FACADE_PATH.length()) + HOOK_PATH);
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
