package health.careloop.config;

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
 * CareLoop does not start with a notification endpoint the EHR cannot reach: a loopback address
 * (or none, which means localhost) while the EHR is on another machine. Nothing listens at the
 * EHR's address here: start-up does not call the EHR (registration retries in the background).
 */
class NotificationEndpointIT {

  private static final String REMOTE_EHR = "http://ehr.example.invalid/fhir";

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void noEndpointSet_withAnEhrOnAnotherMachine_stopsStartUp_namingTheKey(CapturedOutput log) {
    assertThatThrownBy(() -> CareLoopInstance.start(REMOTE_EHR, MutableClock.startingNow(),
            Map.of("careloop.subscriptions.endpoint", "")).close())
        .satisfies(e -> assertThat(allMessages(e)).contains("careloop.subscriptions.endpoint", "not set",
            "http://localhost:<server.port>/hook", "loopback", "ehr.example.invalid", "CARELOOP_PUBLIC_FHIR_URL"));
    assertThat(log.getAll()).as("CareLoop's own report")
        .containsPattern("APPLICATION FAILED TO START\\s+\\**\\s+Description:\\s+careloop\\.subscriptions\\.endpoint: not set")
        .containsPattern("Action:\\s+Set careloop\\.subscriptions\\.endpoint \\(CARELOOP_PUBLIC_FHIR_URL\\)");
  }

  @Test
  void aLoopbackEndpoint_withAnEhrOnAnotherMachine_stopsStartUp_namingTheKey() {
    for (String endpoint : new String[] {"http://localhost:8080/fhir", "http://127.0.0.1:8080/fhir"}) {
      assertThatThrownBy(() -> CareLoopInstance.start(REMOTE_EHR, MutableClock.startingNow(),
              Map.of("careloop.subscriptions.endpoint", endpoint)).close())
          .as(endpoint)
          .satisfies(e -> assertThat(allMessages(e)).contains("careloop.subscriptions.endpoint", "loopback",
              endpoint.replace("/fhir", "/hook")));
    }
  }

  @Test
  void aRoutableEndpoint_withAnEhrOnAnotherMachine_starts() {
    try (CareLoopInstance careLoop = CareLoopInstance.start(REMOTE_EHR, MutableClock.startingNow(),
        Map.of("careloop.subscriptions.endpoint", "https://careloop.example.org/fhir"))) {
      assertThat(careLoop.port()).isPositive();
    }
  }

  @Test
  void noEndpointSet_withTheEhrOnThisMachine_starts_asTheDemoAndTheTestsDo() {
    try (CareLoopInstance careLoop = CareLoopInstance.start(CareLoopInstance.UNREACHABLE_EHR, MutableClock.startingNow(),
        Map.of("careloop.subscriptions.endpoint", ""))) {
      assertThat(careLoop.port()).isPositive();
    }
  }

  private static String allMessages(Throwable e) {
    StringBuilder messages = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      messages.append(t.getMessage()).append('\n');
    }
    return messages.toString();
  }
}
