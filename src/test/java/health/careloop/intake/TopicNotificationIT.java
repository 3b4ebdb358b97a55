package health.careloop.intake;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.ehr.BackportSubscriptions;
import health.careloop.ehr.SubscriptionCheck;
import health.careloop.ehr.SubscriptionRegistrar;
import health.careloop.ehr.SubscriptionRepair;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Topic-based notifications (the R4 Subscriptions Backport IG) on the real sandbox EHR with HAPI's
 * topic support on: CareLoop registers backport Subscriptions on the sandbox's topics, the EHR posts
 * notification Bundles to the hook, and they are taken like criteria-based deliveries. The
 * handshakes, heartbeats and numbered events HAPI does not send (it sends no handshake or
 * heartbeat, and numbers from a counter a test cannot steer) are posted by the test, shaped like
 * the IG's own examples.
 */
class TopicNotificationIT {

  // The first message sent in a test JVM loads the profile validator: about 30 s on a busy machine.
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final SandboxEhr ehr = SandboxEhr.sharedWithTopics();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, topicStyle("full-resource", true));

  private final HttpClient http = HttpClient.newHttpClient();

  /**
   * CareLoop with topic-based Subscriptions on the sandbox's topics. With {@code catchUp}, its
   * catch-up runs at start-up and when asked for, never on its own schedule (so that a test sees the
   * catch-ups it caused).
   */
  static Map<String, Object> topicStyle(String payloadContent, boolean catchUp) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("careloop.subscriptions.style", "topic");
    properties.put("careloop.subscriptions.topic.appointment", SandboxEhr.APPOINTMENT_TOPIC);
    properties.put("careloop.subscriptions.topic.encounter", SandboxEhr.ENCOUNTER_TOPIC);
    properties.put("careloop.subscriptions.topic.payload-content", payloadContent);
    properties.put("careloop.catch-up.enabled", Boolean.toString(catchUp));
    properties.put("careloop.catch-up.interval", "P3650D");
    return properties;
  }

  @Test
  void aBooking_isNotifiedOnTheTopicWithTheAppointment_andItsConfirmationIsWritten() {
    String id = bookAndAwaitTheConfirmation(careLoop, fixtures, "Tove");

    assertThat(inboxRows(id)).isEqualTo(1);
  }

  /** Books an appointment in the EHR and waits for its confirmation there; returns the appointment's id. */
  static String bookAndAwaitTheConfirmation(CareLoopInstance careLoop, EhrFixtures fixtures, String given) {
    String patient = fixtures.patient(given, "en", null);
    String id = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3))).getIdElement().getIdPart();

    Communication confirmation = Await.value("the confirmation", WAIT, () ->
        fixtures.communicationsFor(patient, "appointment-confirmation").stream().findFirst().orElse(null));

    assertThat(confirmation.getAboutFirstRep().getReference()).isEqualTo("Appointment/" + id);
    return id;
  }

  @Test
  void theSubscriptionsInTheEhr_areBackportSubscriptionsOnTheTopics_andSupervisionFindsNothingToRepair() {
    List<Subscription> ours = ehr.subscriptionsDeliveringTo(careLoop.hookBaseUrl());

    assertThat(ours).extracting(Subscription::getCriteria)
        .containsExactlyInAnyOrder(SandboxEhr.APPOINTMENT_TOPIC, SandboxEhr.ENCOUNTER_TOPIC);
    assertThat(ours).allSatisfy(s -> {
      assertThat(s.getMeta().hasProfile(BackportSubscriptions.SUBSCRIPTION_PROFILE)).isTrue();
      assertThat(s.getCriteriaElement().getExtensionByUrl(BackportSubscriptions.FILTER_CRITERIA)).isNotNull();
      assertThat(s.getChannel().getPayloadElement().getExtensionByUrl(BackportSubscriptions.PAYLOAD_CONTENT)
          .getValue().primitiveValue()).isEqualTo("full-resource");
    });
    assertThat(careLoop.bean(SubscriptionRegistrar.class).supervise())
        .extracting(SubscriptionCheck::repair).containsOnly(SubscriptionRepair.NONE);
  }

  @Test
  void aTopicSubscriptionWhosePayloadWasChangedInTheEhr_isPutBackBySupervision() {
    Subscription appointments = ehr.subscriptionsDeliveringTo(careLoop.hookBaseUrl()).stream()
        .filter(s -> SandboxEhr.APPOINTMENT_TOPIC.equals(s.getCriteria())).findFirst().orElseThrow();
    appointments.getChannel().getPayloadElement().getExtensionByUrl(BackportSubscriptions.PAYLOAD_CONTENT)
        .setValue(new org.hl7.fhir.r4.model.CodeType("empty"));
    ehr.client().update().resource(appointments).execute();

    List<SubscriptionCheck> checks = careLoop.bean(SubscriptionRegistrar.class).supervise();

    assertThat(checks).filteredOn(c -> c.resourceType().equals("Appointment"))
        .extracting(SubscriptionCheck::repair).containsExactly(SubscriptionRepair.CORRECTED);
    assertThat(careLoop.bean(SubscriptionRegistrar.class).supervise())
        .extracting(SubscriptionCheck::repair).containsOnly(SubscriptionRepair.NONE);
  }

  @Test
  void aHandshakeShapedLikeTheIgsExample_isAcknowledged_andRecorded() throws Exception {
    String subscription = "http://ehr.example.org/fhir/Subscription/" + UUID.randomUUID();

    HttpResponse<String> response = post(BackportNotificationBundles.handshake(subscription, SandboxEhr.APPOINTMENT_TOPIC));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(recorded(subscription)).containsEntry("last_type", "HANDSHAKE").containsEntry("last_event_number", 0L);
  }

  @Test
  void aHeartbeat_isAcknowledged_andIsASignOfLifeForTheSilenceSupervision() throws Exception {
    String subscription = "http://ehr.example.org/fhir/Subscription/" + UUID.randomUUID();
    careLoop.advanceClock(Duration.ofMinutes(5));
    Instant now = careLoop.clock().instant();

    HttpResponse<String> response = post(BackportNotificationBundles.heartbeat(subscription, SandboxEhr.APPOINTMENT_TOPIC, 0));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(recorded(subscription)).containsEntry("last_type", "HEARTBEAT");
    // What the supervision judges silence from: the heartbeat counts as hearing from the Subscription.
    assertThat(careLoop.bean(IntakeStatus.class).lastNotifications().get("Appointment")).isAfterOrEqualTo(now);
  }

  @Test
  void aJumpInEventNumbers_triggersACatchUp() throws Exception {
    String subscription = "http://ehr.example.org/fhir/Subscription/" + UUID.randomUUID();
    Appointment appointment = bookedAppointment("Gaspar");
    assertThat(post(BackportNotificationBundles.event(subscription, SandboxEhr.APPOINTMENT_TOPIC, 1, appointment))
        .statusCode()).isEqualTo(204);
    Instant skipped = startOfTheNextCatchUp();

    HttpResponse<String> response = post(BackportNotificationBundles.event(subscription, SandboxEhr.APPOINTMENT_TOPIC, 4, appointment));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(recorded(subscription)).containsEntry("last_event_number", 4L);
    assertCaughtUpSince(skipped);
  }

  @Test
  void aLowerEventNumber_isARestartedCounter_acceptedAndCaughtUpOn() throws Exception {
    String subscription = "http://ehr.example.org/fhir/Subscription/" + UUID.randomUUID();
    Appointment appointment = bookedAppointment("Rosalind");
    for (int n = 1; n <= 3; n++) {
      assertThat(post(BackportNotificationBundles.event(subscription, SandboxEhr.APPOINTMENT_TOPIC, n, appointment))
          .statusCode()).isEqualTo(204);
    }
    Instant restarted = startOfTheNextCatchUp();

    HttpResponse<String> response = post(BackportNotificationBundles.event(subscription, SandboxEhr.APPOINTMENT_TOPIC, 1, appointment));

    assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    assertThat(recorded(subscription)).containsEntry("last_event_number", 1L);
    assertCaughtUpSince(restarted);
  }

  @Test
  void theSameEventTwice_isOneInboxEntry_andLeavesTheEventCountAsItWas() throws Exception {
    String subscription = "http://ehr.example.org/fhir/Subscription/" + UUID.randomUUID();
    Appointment appointment = bookedAppointment("Dorothea");
    String id = appointment.getIdElement().getIdPart();
    Bundle event = BackportNotificationBundles.event(subscription, SandboxEhr.APPOINTMENT_TOPIC, 1, appointment);

    HttpResponse<String> first = post(event);
    HttpResponse<String> again = post(event);

    assertThat(first.statusCode()).isEqualTo(204);
    assertThat(again.statusCode()).isEqualTo(204);
    assertThat(recorded(subscription)).containsEntry("last_event_number", 1L);
    assertThat(inboxRows(id)).isEqualTo(1);
  }

  @Test
  void malformedNotifications_areRefusedWith400AndAnOperationOutcome() throws Exception {
    String subscription = "http://ehr.example.org/fhir/Subscription/" + UUID.randomUUID();
    Bundle transaction = BackportNotificationBundles.heartbeat(subscription, SandboxEhr.APPOINTMENT_TOPIC, 0)
        .setType(Bundle.BundleType.TRANSACTION);
    Bundle patientFirst = new Bundle().setType(Bundle.BundleType.HISTORY);
    patientFirst.addEntry().setResource(new Patient());
    Bundle noType = BackportNotificationBundles.heartbeat(subscription, SandboxEhr.APPOINTMENT_TOPIC, 0);
    ((Parameters) noType.getEntryFirstRep().getResource()).getParameter().removeIf(p -> p.getName().equals("type"));
    Bundle notANumber = BackportNotificationBundles.heartbeat(subscription, SandboxEhr.APPOINTMENT_TOPIC, 0);
    ((Parameters) notANumber.getEntryFirstRep().getResource()).getParameter().stream()
        .filter(p -> p.getName().equals("events-since-subscription-start")).findFirst().orElseThrow()
        .setValue(new StringType("several"));
    Bundle noSubscription = BackportNotificationBundles.heartbeat(subscription, SandboxEhr.APPOINTMENT_TOPIC, 0);
    ((Parameters) noSubscription.getEntryFirstRep().getResource()).getParameter()
        .removeIf(p -> p.getName().equals("subscription"));
    Bundle idOnlyWithoutAnId = BackportNotificationBundles.status(subscription, SandboxEhr.APPOINTMENT_TOPIC, "active",
        "event-notification", 1);
    idOnlyWithoutAnId.addEntry().setFullUrl("http://ehr.example.org/fhir/Appointment/not an id")
        .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Appointment");
    FhirContext fhir = FhirContext.forR4Cached();

    for (String body : List.of("{\"resourceType\": \"Bundle\", \"type\": ", "{\"resourceType\": \"Patient\"}",
        json(fhir, transaction), json(fhir, patientFirst), json(fhir, noType), json(fhir, notANumber),
        json(fhir, noSubscription), json(fhir, idOnlyWithoutAnId))) {
      HttpResponse<String> response = post(body);
      assertThat(response.statusCode()).as(body).isEqualTo(400);
      assertThat(outcome(response).getIssueFirstRep().getDiagnostics()).as(body).startsWith("CL-112");
    }
    assertThat(careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from topic_event_number where subscription like ?", Integer.class, "%" + new org.hl7.fhir.r4.model.IdType(subscription).getIdPart()))
        .isZero();
  }

  @Test
  void aNotificationWithoutTheSecret_isRefusedWith401() throws Exception {
    String body = json(FhirContext.forR4Cached(),
        BackportNotificationBundles.heartbeat("Subscription/no-secret", SandboxEhr.APPOINTMENT_TOPIC, 0));
    HttpRequest request = HttpRequest.newBuilder(URI.create(careLoop.hookBaseUrl()))
        .header("Content-Type", "application/fhir+json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();

    assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
  }

  private Appointment bookedAppointment(String given) {
    String patient = fixtures.patient(given, "en", null);
    String id = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(6))).getIdElement().getIdPart();
    return fixtures.read(id);
  }

  /** Waits for the catch-up at start-up to have finished, then moves the clock on: any catch-up begun later begins after it. */
  private Instant startOfTheNextCatchUp() {
    Await.until("the catch-up at start-up", WAIT, () -> caughtUpAt() != null);
    careLoop.advanceClock(Duration.ofMinutes(1));
    return careLoop.clock().instant();
  }

  /** A catch-up begun at or after {@code since} has finished: before the hook answered. */
  private static void assertCaughtUpSince(Instant since) {
    assertThat(caughtUpAt()).isAfterOrEqualTo(since);
  }

  private static Instant caughtUpAt() {
    List<Timestamp> at = careLoop.bean(JdbcTemplate.class).queryForList(
        "select caught_up_at from catch_up_watermark where resource_type = 'Appointment'", Timestamp.class);
    return at.isEmpty() || at.get(0) == null ? null : at.get(0).toInstant();
  }

  private static Map<String, Object> recorded(String subscription) {
    String id = "Subscription/" + new org.hl7.fhir.r4.model.IdType(subscription).getIdPart();
    Map<String, Object> row = careLoop.bean(JdbcTemplate.class).queryForMap(
        "select last_event_number, last_type from topic_event_number where subscription = ?", id);
    Map<String, Object> normalised = new HashMap<>();
    row.forEach((k, v) -> normalised.put(k.toLowerCase(java.util.Locale.ROOT), v instanceof Number n ? n.longValue() : v));
    return normalised;
  }

  private static int inboxRows(String appointmentId) {
    return careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from inbox_event where resource_type = 'Appointment' and resource_id = ?", Integer.class, appointmentId);
  }

  private HttpResponse<String> post(Bundle bundle) throws IOException, InterruptedException {
    return post(json(FhirContext.forR4Cached(), bundle));
  }

  private HttpResponse<String> post(String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(careLoop.hookBaseUrl()))
        .header("Authorization", "Bearer " + CareLoopInstance.SECRET)
        .header("Content-Type", "application/fhir+json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String json(FhirContext fhir, Bundle bundle) {
    return fhir.newJsonParser().encodeResourceToString(bundle);
  }

  private static OperationOutcome outcome(HttpResponse<String> response) {
    return FhirContext.forR4Cached().newJsonParser().parseResource(OperationOutcome.class, response.body());
  }
}
