package health.careloop.summaries.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.CareLoopFhir;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.summaries.referrals.TaskClosing.Outcome;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskIntent;
import org.hl7.fhir.r4.model.Task.TaskPriority;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;

class ReferralTaskTranslatorTest {

  private static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");

  private final Task task = ReferralTaskTranslator.toTask(new ReferralTaskTranslator.NewTask("r1", "p1", "urgent",
      Optional.of("CareTeam/booking"), "Referral not booked after 3 days", NOW), ReferralTaskTranslator.RELATIVE);

  @Test
  void toTask_isIdentifiedByItsReferral_oneTaskPerReferral() {
    assertThat(task.getIdentifier()).singleElement().satisfies(id -> {
      assertThat(id.getSystem()).isEqualTo("https://careloop.health/fhir/sid/referral-task");
      assertThat(id.getValue()).isEqualTo("ServiceRequest/r1");
    });
    assertThat(ReferralTaskTranslator.isCareLoops(task, "r1")).isTrue();
    assertThat(ReferralTaskTranslator.isCareLoops(task, "r2")).isFalse();
    assertThat(ReferralTaskTranslator.isCareLoops(new Task().addBasedOn(new Reference("ServiceRequest/r1")), "r1"))
        .as("a staff-created Task on the same referral").isFalse();
  }

  @Test
  void toTask_asksTheBookingTeamToBookTheReferral_forItsPatient() {
    assertThat(task.getStatus()).isEqualTo(TaskStatus.REQUESTED);
    assertThat(task.getIntent()).isEqualTo(TaskIntent.ORDER);
    assertThat(task.getPriority()).isEqualTo(TaskPriority.URGENT);
    assertThat(task.getCode().getCodingFirstRep().getSystem()).isEqualTo(CareLoopFhir.STAFF_TASK_SYSTEM);
    assertThat(task.getCode().getCodingFirstRep().getCode()).isEqualTo("book-referral");
    assertThat(task.getFocus().getReference()).isEqualTo("ServiceRequest/r1");
    assertThat(task.getBasedOnFirstRep().getReference()).isEqualTo("ServiceRequest/r1");
    assertThat(task.getFor().getReference()).isEqualTo("Patient/p1");
    assertThat(task.getOwner().getReference()).isEqualTo("CareTeam/booking");
    assertThat(task.getAuthoredOn()).isEqualTo(Date.from(NOW));
    assertThat(task.getDescription()).isEqualTo("Referral not booked after 3 days");
    assertThat(task.hasRestriction()).as("no deadline after which the referral stops mattering").isFalse();
    assertThat(task.getMeta().hasProfile(CareLoopFhir.REFERRAL_TASK_PROFILE)).isTrue();
  }

  @Test
  void toTask_withoutOwnerOrPriority_leavesTheQueueToTheEhr_atRoutinePriority() {
    Task plain = ReferralTaskTranslator.toTask(new ReferralTaskTranslator.NewTask("r1", "p1", null, Optional.empty(),
        "Referral not booked after 3 days", NOW), ReferralTaskTranslator.RELATIVE);

    assertThat(plain.hasOwner()).isFalse();
    assertThat(plain.getPriority()).isEqualTo(TaskPriority.ROUTINE);
    CareLoopProfileValidator.get().assertValid(plain);
  }

  @Test
  void toTask_conformsToTheReferralTaskProfile() {
    CareLoopProfileValidator.get().assertValid(task);
  }

  @Test
  void theProfile_refusesATaskWithoutItsReferral_orWithAnotherCode() {
    Task broken = task.copy();
    broken.setFocus(null);
    broken.getCode().getCodingFirstRep().setCode("contact-patient");
    broken.setIdentifier(null);

    assertThat(CareLoopProfileValidator.get().errors(broken))
        .anySatisfy(e -> assertThat(e).contains("Task.focus"))
        .anySatisfy(e -> assertThat(e).contains("Task.code"))
        .anySatisfy(e -> assertThat(e).contains("Task.identifier"));
  }

  @Test
  void close_completesOrCancelsTheTask_sayingWhy_andStillConforms() {
    Task booked = task.copy();
    ReferralTaskTranslator.close(booked, new TaskClosing(Outcome.COMPLETED, "An appointment based on the referral is booked"),
        NOW.plusSeconds(60));
    Task withdrawn = task.copy();
    ReferralTaskTranslator.close(withdrawn, new TaskClosing(Outcome.CANCELLED, "The referral is revoked"), NOW.plusSeconds(60));

    assertThat(booked.getStatus()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(booked.getStatusReason().getText()).isEqualTo("An appointment based on the referral is booked");
    assertThat(booked.getLastModified()).isEqualTo(Date.from(NOW.plusSeconds(60)));
    assertThat(booked.getNoteFirstRep().getText()).contains("CareLoop").contains("An appointment based on the referral is booked");
    assertThat(withdrawn.getStatus()).isEqualTo(TaskStatus.CANCELLED);
    assertThat(withdrawn.getStatusReason().getText()).isEqualTo("The referral is revoked");
    CareLoopProfileValidator.get().assertValid(booked);
    CareLoopProfileValidator.get().assertValid(withdrawn);
  }

  @Test
  void onlyATaskStillWaitingOrUnderWay_isOpen() {
    assertThat(ReferralTaskTranslator.isOpen(TaskStatus.REQUESTED)).isTrue();
    assertThat(ReferralTaskTranslator.isOpen(TaskStatus.INPROGRESS)).isTrue();
    assertThat(ReferralTaskTranslator.isOpen(TaskStatus.ONHOLD)).isTrue();
    assertThat(ReferralTaskTranslator.isOpen(TaskStatus.COMPLETED)).isFalse();
    assertThat(ReferralTaskTranslator.isOpen(TaskStatus.CANCELLED)).isFalse();
    assertThat(ReferralTaskTranslator.isOpen(TaskStatus.FAILED)).isFalse();
    assertThat(ReferralTaskTranslator.isOpen(TaskStatus.REJECTED)).isFalse();
    assertThat(ReferralTaskTranslator.isOpen(TaskStatus.ENTEREDINERROR)).isFalse();
  }
}
