package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import health.careloop.CareLoopFhir;
import health.careloop.compose.RenderedMessage;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.rules.ContactPoint;
import health.careloop.rules.Guardian;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.ParameterComponent;
import org.hl7.fhir.r4.model.Task.TaskIntent;
import org.hl7.fhir.r4.model.Task.TaskPriority;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;

class StaffTaskTranslatorTest {

  private static final Instant START = Instant.parse("2026-12-10T09:30:00Z");
  private static final Instant NOW = Instant.parse("2026-12-08T09:30:00Z");
  private static final String KEY = "Appointment/a1:Patient/p1:reminder-PT48H:2026-12-10T09:30:00Z";
  private static final RenderedMessage TEXT =
      new RenderedMessage(MessageKind.APPOINTMENT_REMINDER, "fr", "Bonjour Camille, ...");

  private static DueMessage message(MessageKind kind) {
    return new DueMessage("pm-1", KEY, kind, "a1", "p1", START, NOW, null, false, null);
  }

  private static final String NO_TELECOM = "no usable telecom and no patient portal";

  private final Task task = StaffTaskTranslator.toTask(message(MessageKind.APPOINTMENT_REMINDER), TEXT, START, NOW,
      Optional.of("Organization/12"), null, NO_TELECOM, Optional.empty());

  /** A clinician summary is for clinicians: staff are never asked to pass it on to a patient. */
  @Test
  void clinicianTaskSummary_isNeverHandedToStaffForThePatient() {
    assertThatIllegalArgumentException().isThrownBy(() ->
        StaffTaskTranslator.toTask(message(MessageKind.CLINICIAN_TASK_SUMMARY), TEXT, START, NOW,
            Optional.empty(), null, NO_TELECOM, Optional.empty()))
        .withMessageContaining("clinician task summary");
    assertThatIllegalArgumentException().isThrownBy(() ->
        StaffTaskTranslator.toTask(message(MessageKind.CLINICIAN_DIGEST), TEXT, START, NOW,
            Optional.empty(), null, NO_TELECOM, Optional.empty()))
        .withMessageContaining("clinician digest");
  }

  @Test
  void toTask_shouldCarryTheMessageKeyAsIdentifier_andTheProfile() {
    assertThat(task.getIdentifier()).singleElement().satisfies(id -> {
      assertThat(id.getSystem()).isEqualTo("https://careloop.health/fhir/sid/message");
      assertThat(id.getValue()).isEqualTo(KEY);
    });
    assertThat(task.getMeta().hasProfile(CareLoopFhir.STAFF_TASK_PROFILE)).isTrue();
  }

  @Test
  void toTask_shouldAskStaffToContactThePatient_aboutTheAppointment_beforeItStarts() {
    assertThat(task.getStatus()).isEqualTo(TaskStatus.REQUESTED);
    assertThat(task.getIntent()).isEqualTo(TaskIntent.ORDER);
    assertThat(task.getPriority()).isEqualTo(TaskPriority.ROUTINE);
    assertThat(task.getCode().getCodingFirstRep().getSystem()).isEqualTo("https://careloop.health/fhir/CodeSystem/staff-task");
    assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo("contact-patient");
    assertThat(task.getFor().getReference()).isEqualTo("Patient/p1");
    assertThat(task.getFocus().getReference()).isEqualTo("Appointment/a1");
    assertThat(task.getOwner().getReference()).isEqualTo("Organization/12");
    assertThat(task.getAuthoredOn()).isEqualTo(Date.from(NOW));
    assertThat(task.getRestriction().getPeriod().getEnd()).isEqualTo(Date.from(START));
    assertThat(task.getReasonCode().getCodingFirstRep().getCode()).isEqualTo("appointment-reminder");
  }

  @Test
  void toTask_shouldSayWhyInPlainWords_withoutPatientData() {
    assertThat(task.getDescription())
        .isEqualTo("No usable telecom and no patient portal: please give the patient this appointment reminder.")
        .doesNotContain("Camille");
  }

  @Test
  void toTask_forSomeoneWithATelecomCareLoopHasNoChannelFor_saysSo_andWhichContactTheEhrPrefers_notItsValue() {
    Task noChannel = StaffTaskTranslator.toTask(message(MessageKind.APPOINTMENT_REMINDER), TEXT, START, NOW,
        Optional.empty(), null, "no delivery channel for sms and no patient portal",
        Optional.of(new ContactPoint("phone", true, 2, null)));
    noChannel.setId("Task/t3");

    assertThat(noChannel.getDescription()).isEqualTo("No delivery channel for sms and no patient portal: please give"
        + " the patient this appointment reminder. The contact the EHR prefers for them: phone (mobile), rank 2.");
    CareLoopProfileValidator.get().assertValid(noChannel);
  }

  @Test
  void toTask_shouldGiveStaffTheRenderedText_andItsLanguage() {
    assertThat(input(task, "message-text").getValue().primitiveValue()).isEqualTo("Bonjour Camille, ...");
    assertThat(input(task, "message-language").getValue().primitiveValue()).isEqualTo("fr");
  }

  @Test
  void toTask_withoutOwner_hasNone_andAMissedMessage_hasNoDeadline() {
    Task missed = StaffTaskTranslator.toTask(message(MessageKind.APPOINTMENT_MISSED), TEXT, START, NOW, Optional.empty(),
        null, NO_TELECOM, Optional.empty());

    assertThat(missed.hasOwner()).isFalse();
    assertThat(missed.hasRestriction()).isFalse();
    CareLoopProfileValidator.get().assertValid(missed);
  }

  @Test
  void toTask_forAGuardiansCopy_namesTheGuardianToContact_andConforms() {
    Guardian contact = new Guardian("Patient/p1#contact-ab12", "Sam",
        List.of("http://terminology.hl7.org/CodeSystem/v3-RoleCode|GUARD"), List.of(), List.of());
    Task forGuardian = StaffTaskTranslator.toTask(message(MessageKind.APPOINTMENT_REMINDER), TEXT, START, NOW,
        Optional.empty(), contact, NO_TELECOM, Optional.empty());
    forGuardian.setId("Task/t2");

    assertThat(forGuardian.getDescription()).contains("the patient's guardian");
    assertThat(forGuardian.getRestriction().getRecipientFirstRep().getReference()).isEqualTo("#guardian");
    assertThat(((RelatedPerson) forGuardian.getContained().get(0)).getNameFirstRep().getGivenAsSingleString())
        .isEqualTo("Sam");
    CareLoopProfileValidator.get().assertValid(forGuardian);
    Task forRelatedPerson = StaffTaskTranslator.toTask(message(MessageKind.APPOINTMENT_REMINDER), TEXT, START, NOW,
        Optional.empty(), new Guardian("RelatedPerson/r1", "Kim", List.of(), List.of(), List.of()), NO_TELECOM,
        Optional.empty());
    assertThat(forRelatedPerson.getRestriction().getRecipientFirstRep().getReference()).isEqualTo("RelatedPerson/r1");
  }

  @Test
  void toTask_shouldConformToTheCareLoopProfile() {
    task.setId(new IdType("Task", "t1"));

    CareLoopProfileValidator.get().assertValid(task);
  }

  @Test
  void profile_shouldRefuseATaskWithoutPatient_text_orCareLoopsCode() {
    task.setFor(null);
    task.getInput().removeIf(i -> i.getType().getCodingFirstRep().getCode().equals("message-text"));
    task.getCode().getCodingFirstRep().setCode("fulfill");

    assertThat(CareLoopProfileValidator.get().errors(task))
        .anySatisfy(e -> assertThat(e).contains("Task.for"))
        .anySatisfy(e -> assertThat(e).contains("Task.input"))
        .anySatisfy(e -> assertThat(e).contains("Task.code"));
  }

  @Test
  void profile_shouldRefuseAnOwnerThatIsAPatient() {
    task.setOwner(new Reference("Patient/p1"));

    assertThat(CareLoopProfileValidator.get().errors(task)).anySatisfy(e -> assertThat(e).contains("Task.owner"));
  }

  private static ParameterComponent input(Task task, String code) {
    return task.getInput().stream()
        .filter(i -> i.getType().getCodingFirstRep().getCode().equals(code))
        .findFirst().orElseThrow();
  }
}
