package health.careloop.ehrlink;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An EHR that cannot push: CareLoop keeps no Subscription in it and hears of its changes only by
 * searching it every polling interval (here 10 seconds, the shortest allowed, in real time). A
 * booking is confirmed, a cancellation revokes, and an outage (CareLoop stopped, or the EHR
 * failing CareLoop's searches) delays what changed meanwhile and loses none of it. Its own sandbox
 * EHR: polling takes every change the EHR holds.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PollingModeIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String CONFIRMATION = "appointment-confirmation";
  private static final String REMINDER = "appointment-reminder";

  private static SandboxEhr ehr;
  private static EhrFixtures fixtures;
  private static CareLoopInstance careLoop;
  private static String patient;
  private static String appointment;

  @BeforeAll
  static void start() {
    ehr = SandboxEhr.start(0, true);
    fixtures = new EhrFixtures(ehr.client());
    careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
        "careloop.ehr.notifications", "polling",
        "careloop.catch-up.enabled", "true",
        "careloop.catch-up.polling-interval", "PT10S",
        "careloop.ehr-link.poll-age-after", "PT1M",
        // One message every 3 s at most from what a poll found at once (the default is 60 a minute).
        "careloop.catch-up.max-sends-per-minute", "20",
        "management.server.port", "0",
        "management.endpoint.health.show-details", "always",
        "management.endpoint.health.show-components", "always"));
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
  @Order(1)
  void aBooking_isConfirmedThroughPolling_andTheEhrHoldsNoSubscription() {
    patient = fixtures.patient("Quinn", "en", "Europe/London");
    appointment = fixtures.book(patient, null, Instant.now().plus(Duration.ofDays(4))).getIdElement().getIdPart();

    Await.until("the booking is confirmed", WAIT, () -> fixtures.communicationsFor(patient, CONFIRMATION).size() == 1);
    assertThat(careLoop.planned(appointment, REMINDER)).hasSize(2);

    assertThat(allSubscriptions()).as("CareLoop created none").isEmpty();
    String health = Await.value("a successful poll shown", WAIT, () -> {
      String body = get("/actuator/health");
      return body.contains("\"lastSuccessfulPoll\"") ? body : null;
    });
    assertThat(health).contains("\"ehrLink\":{\"status\":\"UP\"", "\"notifications\":\"polling\"", "\"polling\"",
        "\"ageSeconds\"").doesNotContain("\"subscriptions\"", "Quinn", "Patient/");
  }

  @Test
  @Order(2)
  void aCancellation_revokesTheReminders_throughPolling() {
    Appointment cancelled = fixtures.read(appointment);
    cancelled.setStatus(AppointmentStatus.CANCELLED);
    fixtures.update(cancelled);

    Await.until("the reminders are revoked", WAIT, () -> careLoop.planned(appointment, REMINDER).stream()
        .allMatch(m -> m.status() == PlannedMessageStatus.REVOKED));
    Await.until("the cancellation is told", WAIT,
        () -> fixtures.communicationsFor(patient, "appointment-cancelled").size() == 1);
  }

  @Test
  @Order(3)
  void bookingsWhileCareLoopWasStopped_areConfirmedOnceWhenItIsBack() {
    careLoop.stop();
    List<String> patients = IntStream.range(0, 3).mapToObj(i -> fixtures.patient("Kim" + i, "en", "Europe/London"))
        .toList();
    List<String> appointments = patients.stream()
        .map(p -> fixtures.book(p, null, Instant.now().plus(Duration.ofDays(5))).getIdElement().getIdPart()).toList();
    // Down for longer than an EHR that pushes would retry a notification: polling has nothing to lose.
    careLoop.clock().advance(Duration.ofMinutes(2));

    careLoop.startAgain();

    for (String p : patients) {
      Await.until("Patient/" + p + " is confirmed", WAIT, () -> fixtures.communicationsFor(p, CONFIRMATION).size() == 1);
    }
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(1));
    for (int i = 0; i < appointments.size(); i++) {
      assertThat(fixtures.communicationsFor(patients.get(i), CONFIRMATION)).as("once").hasSize(1);
      assertThat(careLoop.planned(appointments.get(i), REMINDER)).hasSize(2);
    }
    assertThat(allSubscriptions()).isEmpty();
  }

  @Test
  @Order(4)
  void manyBookingsFoundByOnePoll_areConfirmedNoDenserThanTheRate() {
    careLoop.stop();
    List<String> appointments = IntStream.range(0, 6)
        .mapToObj(i -> fixtures.book(fixtures.patient("Ari" + i, "en", "Europe/London"), null,
            Instant.now().plus(Duration.ofDays(7))).getIdElement().getIdPart())
        .toList();

    careLoop.startAgain();

    Await.until("all six planned", WAIT, () -> appointments.stream()
        .allMatch(a -> careLoop.planned(a, CONFIRMATION).size() == 1));
    List<Instant> due = appointments.stream().map(a -> careLoop.planned(a, CONFIRMATION).get(0).dueAt()).sorted().toList();
    for (int i = 1; i < due.size(); i++) {
      assertThat(Duration.between(due.get(i - 1), due.get(i))).as("confirmation %d after the one before", i)
          .isGreaterThanOrEqualTo(Duration.ofSeconds(3));
    }
    assertThat(Duration.between(due.get(0), due.get(due.size() - 1))).as("spread, not postponed")
        .isLessThan(Duration.ofMinutes(1));
  }

  @Test
  @Order(5)
  void anEhrFailingThePolls_isAWarning_andWhatChangedMeanwhileArrivesOnceItAnswers() {
    FailedSearches failing = new FailedSearches();
    String late;
    String latePatient = fixtures.patient("Rowan", "en", "Europe/London");
    try (SandboxEhr.Withholding unreachable = ehr.intercept(failing)) {
      late = fixtures.book(latePatient, null, Instant.now().plus(Duration.ofDays(6))).getIdElement().getIdPart();
      Await.until("polls have failed", WAIT, () -> failing.refused() >= 2);
      // Longer than the limit (and than an EHR that pushes would retry) since the last successful poll.
      careLoop.clock().advance(Duration.ofMinutes(2));

      String health = Await.value("the failing polls reported", WAIT, () -> {
        String body = get("/actuator/health");
        return body.contains("\"status\":\"WARNING\"") && body.contains("failed at") ? body : null;
      });
      assertThat(health).contains("polling the EHR for Appointment changes failed", "HTTP 503",
          "the last successful poll of Appointment was").doesNotContain("Rowan", "Patient/", "EHR busy");
      assertThat(get("/actuator/health/readiness")).as("an EHR problem never takes CareLoop out of service")
          .contains("\"status\":\"UP\"");
      assertThat(fixtures.communicationsFor(latePatient)).isEmpty();
    }

    Await.until("the booking made while the EHR failed is confirmed", WAIT,
        () -> fixtures.communicationsFor(latePatient, CONFIRMATION).size() == 1);
    assertThat(careLoop.planned(late, REMINDER)).hasSize(2);
    Await.until("health is UP again", WAIT, () -> get("/actuator/health").contains("\"ehrLink\":{\"status\":\"UP\""));
  }

  /** The EHR answering CareLoop's polls (searches by _lastUpdated) with 503, everything else as usual. */
  public static final class FailedSearches {

    private final java.util.concurrent.atomic.AtomicInteger refused = new java.util.concurrent.atomic.AtomicInteger();

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void refusePolls(RequestDetails request, RestOperationTypeEnum operation) {
      if (operation == RestOperationTypeEnum.SEARCH_TYPE && request.getParameters().containsKey("_lastUpdated")) {
        refused.incrementAndGet();
        throw new UnclassifiedServerFailureException(503, "EHR busy");
      }
    }

    int refused() {
      return refused.get();
    }
  }

  private static List<Subscription> allSubscriptions() {
    return ehr.client().search().forResource(Subscription.class)
        .cacheControl(new ca.uhn.fhir.rest.api.CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute().getEntry().stream().map(e -> (Subscription) e.getResource()).toList();
  }

  private static String get(String path) {
    return careLoop.management(path);
  }
}
