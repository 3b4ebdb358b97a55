package health.careloop.ehrlink;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.Environment;

/**
 * A monitoring system scrapes CareLoop in Prometheus's format on the management port (never on
 * CareLoop's own port, {@code ManagementEndpointsIT}): what reached the inbox, what was sent, and the
 * backlog, after a real booking in the sandbox EHR.
 */
class PrometheusScrapeIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static SandboxEhr ehr;
  private static CareLoopInstance careLoop;

  @BeforeAll
  static void start() {
    ehr = SandboxEhr.start(0, true);
    careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
        "management.server.port", "0",
        "management.endpoints.web.exposure.include", "health,prometheus"));
    careLoop.beforeAll(null);
  }

  @AfterAll
  static void stop() {
    if (careLoop != null) {
      careLoop.close();
    }
    if (ehr != null) {
      ehr.close();
    }
  }

  @Test
  void aBookingConfirmed_showsInTheScrape_asReceivedPlannedAndSent_besideTheBacklog() throws Exception {
    EhrFixtures fixtures = new EhrFixtures(ehr.client());
    String patient = fixtures.patient("Prometheus", "en", "Europe/London");
    fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(4)));
    Await.until("the confirmation is written", WAIT,
        () -> fixtures.communicationsFor(patient, "appointment-confirmation").size() == 1);

    Await.until("the scrape counts the notification and the send", WAIT, () -> {
      String scrape = scrape();
      return scrape.contains("careloop_messages_planned_total{kind=\"appointment-confirmation\"")
          && scrape.contains("careloop_messages_sent_total{kind=\"appointment-confirmation\"")
          && scrape.contains("careloop_notifications_received_total{outcome=\"accepted\",resource_type=\"Appointment\"");
    });
    String scrape = scrape();
    assertThat(scrape).contains("# TYPE careloop_inbox_pending gauge", "# TYPE careloop_messages_overdue gauge");
    assertThat(scrape).as("no patient data in label values").doesNotContain("Prometheus\"", patient);
  }

  private static String scrape() {
    String port = careLoop.bean(Environment.class).getProperty("local.management.port");
    try {
      HttpResponse<String> response = HttpClient.newHttpClient().send(
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/prometheus")).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      return response.body();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
