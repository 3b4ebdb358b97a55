package health.careloop.ehr;

import health.careloop.config.SecretStrength;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
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
 * @param endpoint CareLoop's FHIR base as the EHR can reach it; empty means
 *     {@code http://localhost:<server port>/fhir} (development only)
 */
@Validated
@ConfigurationProperties("careloop.subscriptions")
public record SubscriptionProperties(
    String secret,
    URI endpoint,
    @DefaultValue("Appointment?") @NotBlank String appointmentCriteria,
    @DefaultValue("Encounter?") @NotBlank String encounterCriteria) {

  static final String SECRET_KEY = "careloop.subscriptions.secret";

  public SubscriptionProperties {
    SecretStrength.require(SECRET_KEY, "CARELOOP_SUBSCRIPTION_SECRET", secret);
  }
}
