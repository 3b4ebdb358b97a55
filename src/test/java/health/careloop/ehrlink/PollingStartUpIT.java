package health.careloop.ehrlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.careloop.support.CareLoopInstance;
import health.careloop.support.MutableClock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Start-up in polling mode: settings that do not go together with it are refused by their key; the
 * notification endpoint, which nothing delivers to while polling, is not checked. Nothing listens
 * at the EHR's address here: start-up does not call the EHR.
 */
class PollingStartUpIT {

  private static final String REMOTE_EHR = "http://ehr.example.invalid/fhir";

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void polling_withTheCatchUpSwitchedOff_stopsStartUp_namingTheKey(CapturedOutput log) {
    assertThatThrownBy(() -> CareLoopInstance.start(CareLoopInstance.UNREACHABLE_EHR, MutableClock.startingNow(),
            Map.of("careloop.ehr.notifications", "polling", "careloop.catch-up.enabled", "false")).close())
        .hasStackTraceContaining("careloop.catch-up.enabled: false, but careloop.ehr.notifications is polling");
    assertThat(log.getAll()).as("CareLoop's own report")
        .containsPattern("APPLICATION FAILED TO START\\s+\\**\\s+Description:\\s+careloop\\.catch-up\\.enabled: false")
        .containsPattern("Action:\\s+Set careloop\\.catch-up\\.enabled to true");
  }

  @Test
  void polling_aRemoteEhr_andNoNotificationEndpoint_starts() {
    try (CareLoopInstance careLoop = CareLoopInstance.start(REMOTE_EHR, MutableClock.startingNow(),
        Map.of("careloop.ehr.notifications", "polling", "careloop.catch-up.enabled", "true",
            "careloop.subscriptions.endpoint", ""))) {
      assertThat(careLoop.port()).isPositive();
    }
  }
}
