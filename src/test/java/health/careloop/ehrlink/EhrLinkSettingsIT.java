package health.careloop.ehrlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.careloop.support.CareLoopInstance;
import health.careloop.support.MutableClock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings of the EHR link's supervision and health below their minimum stop start-up, naming the key. */
class EhrLinkSettingsIT {

  @Test
  void tooFrequentChecks_orTooShortASilence_orANonsenseLimit_stopStartUp_namingTheKey() {
    assertStartUpFails(Map.of("careloop.subscriptions.check-every", "PT5S"),
        "careloop.subscriptions", "checkEvery", "at least 30 seconds");
    assertStartUpFails(Map.of("careloop.subscriptions.silence-alert-after", "PT1M"),
        "careloop.subscriptions", "silenceAlertAfter", "at least 10 minutes");
    assertStartUpFails(Map.of("careloop.ehr-link.overdue-after", "PT0S"),
        "careloop.ehr-link", "overdueAfter", "at least a minute");
  }

  private static void assertStartUpFails(Map<String, Object> properties, String... expected) {
    assertThatThrownBy(() -> CareLoopInstance.start(CareLoopInstance.UNREACHABLE_EHR, MutableClock.startingNow(),
        properties).close()).satisfies(e -> {
          StringBuilder messages = new StringBuilder();
          for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
          }
          assertThat(messages.toString()).contains(expected);
        });
  }
}
