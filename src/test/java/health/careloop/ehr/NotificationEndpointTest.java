package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class NotificationEndpointTest {

  private static final URI REMOTE_EHR = URI.create("https://ehr.example.org/fhir");

  @Test
  void aLoopbackHook_isUnreachable_fromAnEhrOnAnotherMachine() {
    for (String hook : new String[] {"http://localhost:8080/hook", "http://LOCALHOST/hook",
        "http://127.0.0.1:8080/hook", "http://127.1.2.3/hook", "http://[::1]:8080/hook", "http://0.0.0.0:8080/hook",
        "http://careloop.localhost/hook"}) {
      assertThat(NotificationEndpoint.unreachable(URI.create(hook), REMOTE_EHR)).as(hook).isPresent()
          .get().asString().contains(hook).contains("ehr.example.org").contains("loopback");
    }
  }

  @Test
  void aLoopbackHook_isFine_whenTheEhrIsOnThisMachineToo() {
    for (String ehr : new String[] {"http://localhost:8090/fhir", "http://127.0.0.1:8090/fhir", "http://[::1]:8090/fhir"}) {
      assertThat(NotificationEndpoint.unreachable(URI.create("http://localhost:8080/hook"), URI.create(ehr)))
          .as(ehr).isEmpty();
    }
  }

  @Test
  void aRoutableHook_isFine_whereverTheEhrIs() {
    for (String hook : new String[] {"https://careloop.example.org/hook", "http://10.0.0.7:8080/hook",
        "http://careloop:8080/hook", "http://[2001:db8::7]/hook", "http://localhost-proxy.example.org/hook"}) {
      assertThat(NotificationEndpoint.unreachable(URI.create(hook), REMOTE_EHR)).as(hook).isEmpty();
      assertThat(NotificationEndpoint.unreachable(URI.create(hook), URI.create("http://localhost:8090/fhir"))).as(hook)
          .isEmpty();
    }
  }
}
