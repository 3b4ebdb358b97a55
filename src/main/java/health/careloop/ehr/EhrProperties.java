package health.careloop.ehr;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How CareLoop reaches the EHR.
 *
 * @param baseUrl the EHR's FHIR R4 base, e.g. {@code https://ehr.example.org/fhir}
 * @param bearerToken a static token for the EHR, if it wants one; for other ways to authenticate see
 *     {@link EhrAuthProperties}
 * @param connectTimeout time to open a connection before the call counts as failed (and is retried)
 * @param readTimeout time to wait for an answer
 * @param cacheTtl how long slow-moving reads (Patient, Location) are kept
 * @param notifications how CareLoop hears of the EHR's changes: {@code subscriptions} (the EHR
 *     pushes through rest-hook Subscriptions CareLoop keeps in it) or {@code polling} (for an EHR
 *     that cannot push: no Subscription, a search every {@code careloop.catch-up.polling-interval})
 */
@Validated
@ConfigurationProperties("careloop.ehr")
public record EhrProperties(
    @NotNull URI baseUrl,
    String bearerToken,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("20s") Duration readTimeout,
    @DefaultValue("5m") Duration cacheTtl,
    @DefaultValue("subscriptions") @NotNull NotificationMode notifications) {

  public static final String NOTIFICATIONS_KEY = "careloop.ehr.notifications";

  public boolean polling() {
    return notifications == NotificationMode.POLLING;
  }
}
