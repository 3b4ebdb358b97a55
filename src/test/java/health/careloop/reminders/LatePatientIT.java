package health.careloop.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An EHR that replicates Patients and Appointments separately can notify CareLoop of an
 * Appointment before the server CareLoop reads from holds its Patient. CareLoop keeps looking for
 * the Patient (afresh each time, never a remembered miss) for {@code careloop.reminders.missing-patient-retry},
 * across a restart; a Patient that never comes leaves the messages recorded as not planned, with
 * the reason, on the façade. Time is CareLoop's clock: nothing sleeps.
 */
class LatePatientIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Duration RETRY = Duration.ofMinutes(20);

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop =
      CareLoopInstance.onSandbox(ehr, Map.of("careloop.reminders.missing-patient-retry", RETRY.toString()));

  @Test
  void anAppointmentWhosePatientArrivesLater_isPlannedOnceThePatientIsThere_evenAcrossARestart() {
    String patient = fixtures.patient("Kai", "en", "Europe/London");
    String id;
    try (SandboxEhr.Withholding notYet = ehr.withholdPatient(patient)) {
      id = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3))).getIdElement().getIdPart();
      awaitProcessed(id);
      assertThat(plan(id)).as("nothing can be planned without the Patient").isEmpty();

      careLoop.restart();
      careLoop.awaitSubscriptionsActive(ehr);
      careLoop.advanceClockTo(careLoop.clock().instant().plus(Duration.ofMinutes(2)));
      assertThat(plan(id)).as("looked again, still no Patient").isEmpty();
    }
    careLoop.advanceClockTo(careLoop.clock().instant().plus(Duration.ofMinutes(5)));

    Communication confirmation = Await.value("the confirmation in the EHR", WAIT, () -> {
      List<Communication> found = fixtures.communicationsFor(patient, "appointment-confirmation");
      return found.size() == 1 ? found.get(0) : null;
    });
    assertThat(confirmation.getAboutFirstRep().getReference()).isEqualTo("Appointment/" + id);
    assertThat(careLoop.planned(id, "appointment-reminder")).extracting(PlannedMessageView::status)
        .containsExactly(PlannedMessageStatus.PENDING, PlannedMessageStatus.PENDING);
  }

  @Test
  void aPatientTheEhrNeverHas_isGivenUpAfterTheConfiguredTime_andTheFacadeSaysWhy() {
    String patient = fixtures.patient("Ari", "en", "Europe/London");
    try (SandboxEhr.Withholding never = ehr.withholdPatient(patient)) {
      String id = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3))).getIdElement().getIdPart();
      awaitProcessed(id);

      careLoop.advanceClockTo(careLoop.clock().instant().plus(RETRY).plusSeconds(1));

      Bundle onTheFacade = careLoop.clientFor(careLoop.fhirBaseUrl()).search()
          .byUrl("CommunicationRequest?appointment=" + id).returnBundle(Bundle.class).execute();
      List<CommunicationRequest> requests = onTheFacade.getEntry().stream()
          .map(BundleEntryComponent::getResource).map(CommunicationRequest.class::cast).toList();
      assertThat(requests).as("the confirmation and both reminders, each recorded as not sent")
          .extracting(r -> r.getCategoryFirstRep().getCodingFirstRep().getCode())
          .containsExactlyInAnyOrder("appointment-confirmation", "appointment-reminder", "appointment-reminder");
      assertThat(requests).allSatisfy(request -> {
        assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.REVOKED);
        assertThat(request.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("skipped");
        assertThat(request.getStatusReason().getText())
            .contains("the EHR had no Patient/" + patient)
            .contains(RETRY.toString())
            .contains("careloop.reminders.missing-patient-retry");
      });
      assertThat(fixtures.communicationsFor(patient)).isEmpty();
    }
  }

  private static void awaitProcessed(String appointmentId) {
    Await.until("the booking is processed", WAIT, () -> careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from appointment_state where appointment_id = ?", Integer.class, appointmentId) == 1);
  }

  private static List<PlannedMessageView> plan(String appointmentId) {
    return careLoop.planned(appointmentId);
  }
}
