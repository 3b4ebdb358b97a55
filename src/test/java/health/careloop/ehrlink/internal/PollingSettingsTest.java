package health.careloop.ehrlink.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.careloop.config.ConflictingSettingsException;
import health.careloop.ehr.EhrProperties;
import health.careloop.ehr.NotificationMode;
import health.careloop.ehrlink.EhrLinkProperties;
import health.careloop.intake.CatchUpProperties;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollingSettingsTest {

  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void polling_withTheCatchUpSwitchedOff_isRefused_namingTheKey() {
    assertThatThrownBy(() -> PollingSettings.check(ehr(NotificationMode.POLLING), catchUp(false, MINUTE), limits(Duration.ofMinutes(5))))
        .isInstanceOf(ConflictingSettingsException.class)
        .hasMessageContaining("careloop.catch-up.enabled")
        .hasMessageContaining("careloop.ehr.notifications is polling");
  }

  @Test
  void polling_withAPollAgeLimitNotLongerThanTheInterval_isRefused_namingTheKey() {
    assertThatThrownBy(() -> PollingSettings.check(ehr(NotificationMode.POLLING), catchUp(true, Duration.ofMinutes(5)),
            limits(Duration.ofMinutes(5))))
        .isInstanceOf(ConflictingSettingsException.class)
        .hasMessageContaining("careloop.ehr-link.poll-age-after")
        .hasMessageContaining("careloop.catch-up.polling-interval");
  }

  @Test
  void pollingWithTheDefaults_andSubscriptionsWithoutCatchUp_areAccepted() {
    assertThatCode(() -> PollingSettings.check(ehr(NotificationMode.POLLING), catchUp(true, MINUTE), limits(Duration.ofMinutes(5))))
        .doesNotThrowAnyException();
    assertThatCode(() -> PollingSettings.check(ehr(NotificationMode.SUBSCRIPTIONS), catchUp(false, MINUTE), limits(MINUTE)))
        .doesNotThrowAnyException();
  }

  private static EhrProperties ehr(NotificationMode mode) {
    return new EhrProperties(URI.create("https://ehr.example.org/fhir"), null, Duration.ofSeconds(5),
        Duration.ofSeconds(20), Duration.ofMinutes(5), mode, Duration.ofMinutes(10));
  }

  private static CatchUpProperties catchUp(boolean enabled, Duration pollingInterval) {
    return new CatchUpProperties(enabled, Duration.ofMinutes(5), Duration.ofMinutes(5), 100, Duration.ofDays(60),
        pollingInterval, 60);
  }

  private static EhrLinkProperties limits(Duration pollAgeAfter) {
    return new EhrLinkProperties(Duration.ofMinutes(15), Duration.ofMinutes(30), pollAgeAfter);
  }
}
