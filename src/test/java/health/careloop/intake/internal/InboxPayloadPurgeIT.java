package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The resource each notification delivered is personal health data, kept only until it is
 * processed and the retention (7 days by default) has passed. What tells the delivery apart stays:
 * the same delivery again is still a duplicate once its payload is gone.
 */
class InboxPayloadPurgeIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration PAST_RETENTION = Duration.ofDays(8);

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr);

  @Test
  void aProcessedNotificationOlderThanTheRetention_losesItsPayload_andTheSameDeliveryAgainIsStillADuplicate()
      throws Exception {
    String id = processedAppointment("Ines");
    String fingerprint = row(id).get("fingerprint").toString();
    long unprocessed = unprocessedRow(careLoop.clock().instant().minus(Duration.ofDays(30)));

    careLoop.advanceClock(PAST_RETENTION);
    // The scheduled purge falls due too as the clock moves on: whichever runs first, the outcome is one.
    purge().purge();

    Map<String, Object> purged = row(id);
    assertThat(purged.get("payload")).isNull();
    assertThat(purged.get("payload_purged_at")).isNotNull();
    assertThat(purged).containsEntry("fingerprint", fingerprint).containsEntry("outcome", "PROCESSED")
        .containsEntry("version_id", "1");
    assertThat(jdbc().queryForObject("select payload from inbox_event where id = ?", String.class, unprocessed))
        .as("a notification not processed keeps its payload, however old").isNotNull();

    HttpResponse<String> again = careLoop.deliver(fixtures.read(id));
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(rows(id)).as("the same delivery again stores nothing new").isEqualTo(1);
  }

  @Test
  void aNotificationProcessedWithinTheRetention_keepsItsPayload() {
    String id = processedAppointment("Jonas");

    careLoop.advanceClock(Duration.ofDays(6));
    purge().purge();

    assertThat(row(id).get("payload")).isNotNull();
    assertThat(row(id).get("payload_purged_at")).isNull();
  }

  @Test
  void aRowStoredBeforeFingerprintsWere_getsItsFingerprintBeforeItsPayloadGoes_andStaysADuplicate() throws Exception {
    FhirContext fhir = FhirContext.forR4Cached();
    String patient = fixtures.patient("Kofi", "en", null);
    String id = "before-fingerprints-" + UUID.randomUUID().toString().substring(0, 8);
    Instant lastUpdated = careLoop.clock().instant().minus(Duration.ofDays(40)).truncatedTo(ChronoUnit.MILLIS);
    Appointment delivered = new Appointment();
    delivered.setId(id);
    delivered.getMeta().setVersionId("1").setLastUpdated(Date.from(lastUpdated));
    delivered.setStatus(Appointment.AppointmentStatus.BOOKED);
    delivered.setStart(Date.from(lastUpdated.plus(Duration.ofDays(3))));
    delivered.addParticipant().setActor(new Reference("Patient/" + patient))
        .setStatus(Appointment.ParticipationStatus.ACCEPTED);
    jdbc().update("insert into inbox_event (resource_type, resource_id, version_id, last_updated, fingerprint,"
            + " rewrites_version, payload, received_at, processed_at, outcome)"
            + " values ('Appointment', ?, '1', ?, null, false, ?, ?, ?, 'PROCESSED')",
        id, lastUpdated.atOffset(ZoneOffset.UTC), fhir.newJsonParser().encodeResourceToString(delivered),
        lastUpdated.atOffset(ZoneOffset.UTC), lastUpdated.atOffset(ZoneOffset.UTC));

    purge().purge();

    assertThat(row(id).get("payload")).isNull();
    assertThat(row(id).get("fingerprint")).isEqualTo(DeliveryFingerprint.of(fhir, delivered, lastUpdated));
    HttpResponse<String> again = careLoop.deliver(delivered);
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(rows(id)).as("the same delivery again stores nothing new").isEqualTo(1);
  }

  @Test
  void theStoredPayload_isTheBodyAsTheEhrSentIt_notEncodedAgain() throws Exception {
    String patient = fixtures.patient("Lior", "en", null);
    String id = "as-sent-" + UUID.randomUUID().toString().substring(0, 8);
    Appointment delivered = new Appointment();
    delivered.setId(id);
    delivered.getMeta().setVersionId("1").setLastUpdated(Date.from(careLoop.clock().instant()));
    delivered.setStatus(Appointment.AppointmentStatus.BOOKED);
    delivered.setStart(Date.from(careLoop.clock().instant().plus(Duration.ofDays(3))));
    delivered.addParticipant().setActor(new Reference("Patient/" + patient))
        .setStatus(Appointment.ParticipationStatus.ACCEPTED);
    // Pretty-printed: not the form CareLoop's own encoding would give it.
    String body = FhirContext.forR4Cached().newJsonParser().setPrettyPrint(true).encodeResourceToString(delivered);
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create(careLoop.hookBaseUrl() + "/Appointment/" + id))
        .header("Content-Type", "application/fhir+json")
        .header("Authorization", "Bearer " + CareLoopInstance.SECRET)
        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(row(id).get("payload")).isEqualTo(body);
  }

  /** An appointment booked in the EHR, notified, and processed by CareLoop: its id. */
  private static String processedAppointment(String given) {
    String patient = fixtures.patient(given, "en", null);
    Appointment booked = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String id = booked.getIdElement().getIdPart();
    Await.until("CareLoop processed the notification of " + id, WAIT,
        () -> rows(id) == 1 && "PROCESSED".equals(row(id).get("outcome")));
    return id;
  }

  /** A row whose processing has not run (no execution of it is queued): stored long ago, still pending. */
  private static long unprocessedRow(Instant receivedAt) {
    String id = "unprocessed-" + UUID.randomUUID().toString().substring(0, 8);
    jdbc().update("insert into inbox_event (resource_type, resource_id, version_id, fingerprint, rewrites_version,"
            + " payload, received_at, outcome) values ('Appointment', ?, '1', 'f', false, '{}', ?, 'PENDING')",
        id, receivedAt.atOffset(ZoneOffset.UTC));
    return jdbc().queryForObject("select id from inbox_event where resource_id = ?", Long.class, id);
  }

  private static InboxPayloadPurge purge() {
    return careLoop.bean(InboxPayloadPurge.class);
  }

  private static Map<String, Object> row(String appointmentId) {
    return jdbc().queryForMap("select * from inbox_event where resource_type = 'Appointment' and resource_id = ?",
        appointmentId);
  }

  private static int rows(String appointmentId) {
    return jdbc().queryForObject(
        "select count(*) from inbox_event where resource_type = 'Appointment' and resource_id = ?",
        Integer.class, appointmentId);
  }

  private static JdbcTemplate jdbc() {
    return careLoop.bean(JdbcTemplate.class);
  }
}
