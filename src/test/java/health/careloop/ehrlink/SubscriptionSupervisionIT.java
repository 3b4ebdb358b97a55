package health.careloop.ehrlink;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import health.careloop.CareLoopFhir;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.WorkKind;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CareLoop's Subscriptions, supervised in the real sandbox EHR: deleted or switched off there, they
 * are back after the next check, and what was booked meanwhile is planned by the catch-up that
 * follows. The EHR link's health, on a management port of its own, shows it without patient data.
 * Its own sandbox EHR: the test deletes and edits CareLoop's Subscriptions there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SubscriptionSupervisionIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  /** Longer than the sandbox EHR takes to deliver a notification (about 20-125 ms). */
  private static final Duration NO_NOTIFICATION = Duration.ofSeconds(5);
  private static final String CONFIRMATION = "appointment-confirmation";

  private static SandboxEhr ehr;
  private static EhrFixtures fixtures;
  private static CareLoopInstance careLoop;

  @BeforeAll
  static void start() {
    ehr = SandboxEhr.start(0, true);
    fixtures = new EhrFixtures(ehr.client());
    careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
        "careloop.catch-up.enabled", "true",
        // Checks run when the test asks (DeferredWork.runNow), not on their own meanwhile; nor does
        // the periodic catch-up: what is caught up here, the checks asked for.
        "careloop.subscriptions.check-every", "PT1H",
        "careloop.catch-up.interval", "PT1H",
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
  void aDeletedSubscription_isRecreatedByTheCheck_andABookingMadeWhileItWasMissing_isPlanned() throws Exception {
    Subscription deleted = careLoopsAppointmentSubscription();
    ehr.client().delete().resource(deleted).execute();
    Await.until("the EHR no longer holds CareLoop's appointment Subscription", WAIT,
        () -> careLoopsAppointmentSubscriptions().isEmpty());
    String patient = fixtures.patient("Quinn", "en", "Europe/London");
    String missed = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();
    Thread.sleep(NO_NOTIFICATION.toMillis());
    assertThat(careLoop.planned(missed)).as("no notification while the Subscription was gone").isEmpty();

    check();

    Subscription recreated = careLoopsAppointmentSubscription();
    assertThat(recreated.getIdElement().getIdPart()).isNotEqualTo(deleted.getIdElement().getIdPart());
    assertThat(recreated.getChannel().getEndpoint()).isEqualTo(careLoop.hookBaseUrl());
    Await.until("the recreated Subscription is active", WAIT,
        () -> careLoopsAppointmentSubscription().getStatus() == SubscriptionStatus.ACTIVE);
    assertThat(careLoop.planned(missed, CONFIRMATION)).as("found by the catch-up after the repair").hasSize(1);
    Await.until("the missed booking is confirmed in the EHR", WAIT,
        () -> fixtures.communicationsFor(patient, CONFIRMATION).size() == 1);
  }

  @Test
  @Order(2)
  void aSubscriptionSwitchedOff_isReactivatedByTheCheck() throws Exception {
    Subscription off = careLoopsAppointmentSubscription().setStatus(SubscriptionStatus.OFF);
    ehr.client().update().resource(off).execute();
    Await.until("the EHR holds it off", WAIT,
        () -> careLoopsAppointmentSubscription().getStatus() == SubscriptionStatus.OFF);
    String patient = fixtures.patient("Rowan", "en", "Europe/London");
    String missed = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();

    check();

    Await.until("the same Subscription active again", WAIT, () -> {
      Subscription now = careLoopsAppointmentSubscription();
      return now.getStatus() == SubscriptionStatus.ACTIVE
          && now.getIdElement().getIdPart().equals(off.getIdElement().getIdPart());
    });
    assertThat(careLoop.planned(missed, CONFIRMATION)).as("found by the catch-up after the repair").hasSize(1);

    // Now live: the next booking is notified, and a check finds nothing to repair.
    String next = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(4))).getIdElement().getIdPart();
    Await.until("the next booking notified and planned", WAIT, () -> careLoop.planned(next, CONFIRMATION).size() == 1);
  }

  @Test
  @Order(3)
  void health_showsTheEhrLink_onTheManagementPort_withoutPatientData() throws Exception {
    check(); // everything in order now: the last check repaired nothing

    String body = Await.value("the ehrLink component after the check", WAIT, () -> {
      String health = get("/actuator/health");
      return health.contains("\"repair\":\"NONE\"") && !health.contains("\"repair\":\"REACTIVATED\"") ? health : null;
    });

    assertThat(body).contains("\"ehrLink\":{\"status\":\"UP\"", "\"reachable\":true", "\"subscriptionsRegistered\":true",
        "\"Appointment\":{\"id\":\"" + careLoopsAppointmentSubscription().getIdElement().getIdPart(),
        "\"statusFound\":\"active\"", "\"lastNotification\"", "\"lastReceivedAt\"", "\"silence\":\"HEARD\"",
        "\"catchUp\"", "\"lagSeconds\"", "\"pendingInboxEvents\"", "\"overdueMessages\"", "\"failedMessagesLast24h\"");
    assertThat(body).as("no patient data").doesNotContain("Quinn", "Rowan", "Patient/", "Appointment/");
    assertThat(get("/actuator/health/readiness")).as("an EHR problem never takes CareLoop out of service")
        .doesNotContain("ehrLink");
    assertThat(get("/actuator/health/liveness")).doesNotContain("ehrLink");
  }

  @Test
  @Order(4)
  void aSubscriptionSilentForLong_whileTheEhrChanged_isReported_asAWarningThatKeepsCareLoopReady() {
    // As if the last Appointment notification had arrived seven hours ago: the bookings of the tests
    // above are changes the EHR made since, and their notifications "never came".
    JdbcTemplate db = careLoop.bean(JdbcTemplate.class);
    Instant sevenHoursAgo = careLoop.clock().instant().minus(Duration.ofHours(7)).truncatedTo(ChronoUnit.SECONDS);
    db.update("update notification_received set last_received_at = ? where resource_type = 'Appointment'",
        Timestamp.from(sevenHoursAgo));
    db.update("update ehr_link_check set since_at = ? where name = 'silence:Appointment'", Timestamp.from(sevenHoursAgo));
    careLoop.advanceClock(Duration.ofMinutes(10)); // the bookings are no longer "in flight"

    check();

    String body = Await.value("the silence reported", WAIT, () -> {
      String health = get("/actuator/health");
      return health.contains("\"silence\":\"SILENT\"") ? health : null;
    });
    assertThat(body).as("WARNING, answered with 200 (get() checks it)").contains("\"status\":\"WARNING\"",
        "Appointment notifications silent: no notification since " + sevenHoursAgo);
    assertThat(body).doesNotContain("Quinn", "Rowan", "Patient/");
    assertThat(get("/actuator/health/readiness")).contains("\"status\":\"UP\"");
    assertThat(db.queryForObject("select count(*) from scheduled_tasks where task_name = 'catch-up'"
        + " and last_success >= ?", Integer.class, Timestamp.from(careLoop.clock().instant().minusSeconds(30))))
        .as("a catch-up ran after the silence").isEqualTo(1);
  }

  /** Runs a supervision check now and waits until it, the catch-up it asked for and their work are done. */
  private static void check() {
    careLoop.bean(DeferredWork.class).runNow(WorkKind.SUPERVISE_SUBSCRIPTIONS);
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(1));
    careLoop.advanceClockTo(careLoop.clock().instant().plusSeconds(1));
  }

  private static Subscription careLoopsAppointmentSubscription() {
    List<Subscription> ours = careLoopsAppointmentSubscriptions();
    assertThat(ours).hasSize(1);
    return ours.get(0);
  }

  private static List<Subscription> careLoopsAppointmentSubscriptions() {
    return ehr.client().search().forResource(Subscription.class)
        .withTag(CareLoopFhir.SUBSCRIPTION_TAG_SYSTEM, "appointment")
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute().getEntry().stream()
        .map(e -> (Subscription) e.getResource()).toList();
  }

  private static String get(String path) {
    return careLoop.management(path);
  }
}
