package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.compose.RenderedMessage;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.rules.MessageKind;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without a patient portal ({@code careloop.delivery.patient-portal: false}), a patient with no
 * usable telecom is never left without a record: staff get a Task in the EHR instead of the
 * message, and the plan says so. Nor is a patient with an SMS number: CareLoop has no SMS channel
 * yet, so they get a Task too, never a Communication that claims the message was delivered.
 */
class UnreachablePatientIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String MESSAGE_SYSTEM = "https://careloop.health/fhir/sid/message";

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());
  private static final String frontDesk = "Organization/" + fixtures.organization("Front desk");

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
      "careloop.delivery.patient-portal", "false",
      "careloop.delivery.staff-task.owner", frontDesk,
      "careloop.reminders.confirmation", "false"));

  @Test
  void patientWithoutTelecom_getsNoCommunication_staffGetATask_andThePlanSaysHandedToStaff() {
    String patientId = fixtures.patientWithoutTelecom("Rosa", "es");
    Appointment appointment = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String appointmentId = appointment.getIdElement().getIdPart();
    PlannedMessageView first = dueFirst(appointmentId);

    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), first.dueAt().plusSeconds(1)));

    PlannedMessageView handed = Await.value("the first reminder handed to staff", WAIT, () -> reminders(appointmentId)
        .stream().filter(m -> m.id().equals(first.id()) && m.status() == PlannedMessageStatus.HANDED_TO_STAFF)
        .findFirst().orElse(null));
    assertThat(handed.statusReason()).isEqualTo("no usable telecom and no patient portal: handed to staff");
    List<Task> tasks = fixtures.tasksFor(patientId);
    assertThat(tasks).singleElement().satisfies(task -> {
      assertThat(task.getIdElement().toUnqualifiedVersionless().getValue()).isEqualTo(handed.taskId());
      assertThat(task.getIdentifierFirstRep().getSystem()).isEqualTo(MESSAGE_SYSTEM);
      assertThat(task.getIdentifierFirstRep().getValue()).isEqualTo(first.messageKey());
      assertThat(task.getFor().getReference()).isEqualTo("Patient/" + patientId);
      assertThat(task.getFocus().getReference()).isEqualTo("Appointment/" + appointmentId);
      assertThat(task.getOwner().getReference()).isEqualTo(frontDesk);
      assertThat(task.getStatus()).isEqualTo(Task.TaskStatus.REQUESTED);
      assertThat(task.getRestriction().getPeriod().getEnd()).isEqualTo(appointment.getStart());
      assertThat(task.getInput()).anySatisfy(input -> assertThat(input.getValue().primitiveValue()).isEqualTo("es"));
      CareLoopProfileValidator.get().assertValid(task);
    });
    assertThat(fixtures.communicationsFor(patientId)).isEmpty();

    // A retry (a crash after the EHR write, before the commit) finds the same Task.
    String again = careLoop.bean(StaffTaskWriter.class).write(StaffTaskTranslator.toTask(
        new DueMessage(first.id(), first.messageKey(),
            MessageKind.APPOINTMENT_REMINDER, appointmentId, patientId,
            appointment.getStart().toInstant(), first.dueAt(), null, false, null),
        new RenderedMessage(MessageKind.APPOINTMENT_REMINDER, "es", "x"),
        appointment.getStart().toInstant(), careLoop.clock().instant(), Optional.empty(), null,
        UnreachableRecipients.whyUndeliverable(Optional.empty()), Optional.empty()));
    assertThat(again).isEqualTo(handed.taskId());
    assertThat(fixtures.tasksFor(patientId)).hasSize(1);

    // The façade: status unknown (CareLoop does not know whether staff have done it), and the Task.
    IGenericClient facade = careLoop.clientFor(careLoop.fhirBaseUrl());
    Bundle unknown = facade.search().byUrl("CommunicationRequest?patient=Patient/" + patientId + "&status=unknown")
        .returnBundle(Bundle.class).execute();
    assertThat(unknown.getEntry()).singleElement().satisfies(entry -> {
      CommunicationRequest request = (CommunicationRequest) entry.getResource();
      assertThat(request.getStatus()).isEqualTo(CommunicationRequestStatus.UNKNOWN);
      assertThat(request.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("handed-to-staff");
      Reference task = (Reference) request.getExtensionByUrl(
          "https://careloop.health/fhir/StructureDefinition/staff-task").getValue();
      assertThat(task.getReference()).isEqualTo(ehr.baseUrl() + "/" + handed.taskId());
      CareLoopProfileValidator.get().assertValid(request);
    });
  }

  /**
   * CareLoop has no SMS or e-mail channel yet: with no portal, a Communication "completed, sent"
   * would claim a delivery that never happened. (This test used to expect exactly that Communication.)
   */
  @Test
  void patientWithAnSmsNumber_getsNoCommunication_staffGetATaskNamingTheContactTheEhrPrefers() {
    String patientId = fixtures.patient("Sam", "en", null);
    Appointment appointment = fixtures.book(patientId, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    String appointmentId = appointment.getIdElement().getIdPart();
    PlannedMessageView first = dueFirst(appointmentId);

    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), first.dueAt().plusSeconds(1)));

    PlannedMessageView handed = Await.value("the first reminder handed to staff", WAIT, () -> reminders(appointmentId)
        .stream().filter(m -> m.id().equals(first.id()) && m.status() != PlannedMessageStatus.PENDING)
        .findFirst().orElse(null));
    assertThat(handed.status()).isEqualTo(PlannedMessageStatus.HANDED_TO_STAFF);
    assertThat(handed.statusReason()).isEqualTo("no delivery channel for sms and no patient portal: handed to staff");
    assertThat(handed.communicationId()).isNull();
    assertThat(fixtures.communicationsFor(patientId)).isEmpty();
    assertThat(fixtures.tasksFor(patientId)).singleElement().satisfies(task -> {
      assertThat(task.getIdElement().toUnqualifiedVersionless().getValue()).isEqualTo(handed.taskId());
      assertThat(task.getIdentifierFirstRep().getValue()).isEqualTo(first.messageKey());
      assertThat(task.getDescription()).isEqualTo("No delivery channel for sms and no patient portal: please give"
          + " the patient this appointment reminder. The contact the EHR prefers for them: sms, rank 1.");
      CareLoopProfileValidator.get().assertValid(task);
    });
  }

  private static PlannedMessageView dueFirst(String appointmentId) {
    Await.until("the reminders are planned", WAIT, () -> reminders(appointmentId).size() == 2);
    return reminders(appointmentId).stream()
        .min((a, b) -> a.dueAt().compareTo(b.dueAt())).orElseThrow();
  }

  private static List<PlannedMessageView> reminders(String appointmentId) {
    return careLoop.planned(appointmentId, "appointment-reminder");
  }
}
