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
 * @param combinedSearchRetryAfter how long CareLoop reads a Patient's Consents and RelatedPersons
 *     separately after the EHR refused the search that reads them with the Patient (it cannot or
 *     may not do it), before it tries that search again; zero: tried for every message
 */
@Validated
@ConfigurationProperties("careloop.ehr")
public record EhrProperties(
    @NotNull URI baseUrl,
    String bearerToken,
    @DefaultValue("5s") Duration connectTimeout,
    @DefaultValue("20s") Duration readTimeout,
    @DefaultValue("5m") Duration cacheTtl,
    @DefaultValue("subscriptions") @NotNull NotificationMode notifications,
    @DefaultValue("10m") Duration combinedSearchRetryAfter) {

  public static final String NOTIFICATIONS_KEY = "careloop.ehr.notifications";

  public EhrProperties {
    if (combinedSearchRetryAfter == null || combinedSearchRetryAfter.isNegative()) {
      throw new IllegalArgumentException("careloop.ehr.combined-search-retry-after must be zero or a positive"
          + " duration (e.g. PT10M), was " + combinedSearchRetryAfter);
    }
  }

  public boolean polling() {
    return notifications == NotificationMode.POLLING;
  }
}
