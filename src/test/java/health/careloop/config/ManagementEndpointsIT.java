package health.careloop.config;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.support.CareLoopInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * On the application's port, Actuator shows an orchestrator whether CareLoop is up and ready, and
 * nothing else: metrics, environment, configuration and the like are operational data no caller on
 * the network may read.
 */
class ManagementEndpointsIT {

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.withUnreachableEhr();
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void health_andItsProbes_areOpen() throws Exception {
    for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/health/readiness")) {
      HttpResponse<String> response = get(path);

      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
    }
  }

  @Test
  void health_saysUpOrDown_only_nothingAboutTheDatabaseOrTheDisk() throws Exception {
    String body = get("/actuator/health").body();

    assertThat(body).doesNotContain("components", "details", "db", "diskSpace", "H2", "PostgreSQL");
  }

  @Test
  void everyOtherEndpoint_isRefused_onTheApplicationsPort() throws Exception {
    // Not exposed (Actuator would answer 404), and refused before that by Spring Security: only
    // health, the index and the two APIs are served on this port.
    for (String path : List.of("/actuator/metrics", "/actuator/metrics/careloop.ehr.history.rewritten",
        "/actuator/info", "/actuator/env", "/actuator/configprops", "/actuator/beans", "/actuator/mappings",
        "/actuator/loggers", "/actuator/heapdump", "/actuator/threaddump", "/actuator/scheduledtasks",
        "/actuator/conditions", "/actuator/prometheus", "/actuator/shutdown")) {
      HttpResponse<String> response = get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(403);
      assertThat(response.body()).as(path).contains("OperationOutcome");
    }
  }

  @Test
  void theActuatorIndex_listsHealthAlone() throws Exception {
    String body = get("/actuator").body();

    assertThat(body).contains("/actuator/health").doesNotContain("metrics", "/actuator/info", "/actuator/env");
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + careLoop.port() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
