package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.intake.internal.Inbox.Acceptance;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/**
 * Which deliveries of one (type, id, version) are the same: the same lastUpdated and the same
 * content. Anything else is a version the EHR has rewritten (reset, restored), not a duplicate.
 */
class DeliveryFingerprintTest {

  private static final FhirContext FHIR = FhirContext.forR4Cached();
  private static final Instant WRITTEN = Instant.parse("2026-12-01T08:00:00.123Z");

  @Test
  void theSameDeliveryAgain_isTheSame_whateverTheEhrsBookkeepingInMeta_orTheFormOfItsId() {
    Appointment delivered = appointment("2026-12-10T09:00:00Z");
    Appointment again = delivered.copy();
    again.setId("http://ehr.example/fhir/Appointment/a1/_history/3");
    again.getMeta().setSource("#another-request").addTag("urn:example", "seen", null);

    assertThat(DeliveryFingerprint.of(FHIR, again, WRITTEN)).isEqualTo(DeliveryFingerprint.of(FHIR, delivered, WRITTEN));
  }

  @Test
  void anotherLastUpdated_orOtherContent_isAnotherDelivery() {
    String first = DeliveryFingerprint.of(FHIR, appointment("2026-12-10T09:00:00Z"), WRITTEN);

    assertThat(DeliveryFingerprint.of(FHIR, appointment("2026-12-10T09:00:00Z"), WRITTEN.plusMillis(1))).isNotEqualTo(first);
    assertThat(DeliveryFingerprint.of(FHIR, appointment("2026-12-10T09:00:00Z"), null)).isNotEqualTo(first);
    assertThat(DeliveryFingerprint.of(FHIR, appointment("2026-12-10T09:30:00Z"), WRITTEN)).isNotEqualTo(first);
    Appointment otherPatient = appointment("2026-12-10T09:00:00Z");
    otherPatient.getParticipantFirstRep().setActor(new Reference("Patient/p2"));
    assertThat(DeliveryFingerprint.of(FHIR, otherPatient, WRITTEN)).isNotEqualTo(first);
  }

  @Test
  void aStoredPayload_hasTheFingerprintOfTheDeliveryItWasStoredFrom() {
    Appointment delivered = appointment("2026-12-10T09:00:00Z");
    String payload = FHIR.newJsonParser().encodeResourceToString(delivered);

    assertThat(DeliveryFingerprint.ofPayload(FHIR, payload, WRITTEN)).isEqualTo(DeliveryFingerprint.of(FHIR, delivered, WRITTEN))
        .hasSize(64);
  }

  @Test
  void theFingerprint_isTheDigestOfTheResourceWithoutIdAndMeta_asStoredFingerprintsWere_andLeavesTheResourceAsItWas()
      throws Exception {
    Appointment delivered = appointment("2026-12-10T09:00:00Z");
    String before = FHIR.newJsonParser().encodeResourceToString(delivered);
    // How the fingerprints already in the inbox were computed: on a copy without id and meta.
    Appointment content = delivered.copy();
    content.setIdElement(null);
    content.setMeta(null);
    String expected = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
        .digest((WRITTEN + "\n" + FHIR.newJsonParser().encodeResourceToString(content))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    assertThat(DeliveryFingerprint.of(FHIR, delivered, WRITTEN)).isEqualTo(expected);
    assertThat(FHIR.newJsonParser().encodeResourceToString(delivered)).isEqualTo(before);
    assertThat(delivered.getIdElement().getIdPart()).isEqualTo("a1");
    assertThat(delivered.getMeta().getVersionId()).isEqualTo("3");
  }

  @Test
  void aVersionNeverSeen_isAccepted_theSameDeliveryAgainIsADuplicate_anyOtherARewrite() {
    assertThat(Inbox.classify(List.of(), "f1")).isEqualTo(Acceptance.ACCEPTED);
    assertThat(Inbox.classify(List.of("f0", "f1"), "f1")).isEqualTo(Acceptance.DUPLICATE);
    assertThat(Inbox.classify(List.of("f0"), "f1")).isEqualTo(Acceptance.REWRITTEN);
  }

  private static Appointment appointment(String start) {
    Appointment a = new Appointment();
    a.setId("a1");
    a.getMeta().setVersionId("3").setLastUpdated(Date.from(WRITTEN)).setSource("#request-1");
    a.setStatus(Appointment.AppointmentStatus.BOOKED);
    a.setStart(Date.from(Instant.parse(start)));
    a.addParticipant().setActor(new Reference("Patient/p1")).setStatus(Appointment.ParticipationStatus.ACCEPTED);
    return a;
  }
}
