package health.careloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageKindTest {

  private static final Instant START = Instant.parse("2026-12-10T09:30:00Z");

  @Test
  void clinicianTaskSummary_isTheCodeSystemsExistingConcept_notAPatientTemplate() {
    assertThat(MessageKind.fromCode("clinician-task-summary")).isEqualTo(MessageKind.CLINICIAN_TASK_SUMMARY);
    assertThat(MessageKind.CLINICIAN_TASK_SUMMARY.display()).isEqualTo("Clinician task summary");
    assertThat(MessageKind.CLINICIAN_TASK_SUMMARY.templated()).isFalse();
    assertThat(MessageKind.APPOINTMENT_REMINDER.templated()).isTrue();
  }

  /** A summary is written when an encounter has finished: after its start by nature, never too late for that. */
  @Test
  void clinicianTaskSummary_isNeverTooLate_whileAReminderAfterTheStartIs() {
    assertThat(MessageKind.CLINICIAN_TASK_SUMMARY.tooLate(START, START.plusSeconds(3600))).isFalse();
    assertThat(MessageKind.APPOINTMENT_REMINDER.tooLate(START, START.plusSeconds(3600))).isTrue();
    assertThat(MessageKind.APPOINTMENT_REMINDER.tooLate(START, START.minusSeconds(1))).isFalse();
    assertThat(MessageKind.APPOINTMENT_MISSED.tooLate(START, START.plusSeconds(3600))).isFalse();
  }

  /** The digest lists a day's appointments before and after they start; it is no patient message. */
  @Test
  void clinicianDigest_isTheCodeSystemsConcept_notTemplated_neverTooLate() {
    assertThat(MessageKind.fromCode("clinician-digest")).isEqualTo(MessageKind.CLINICIAN_DIGEST);
    assertThat(MessageKind.CLINICIAN_DIGEST.display()).isEqualTo("Clinician digest");
    assertThat(MessageKind.CLINICIAN_DIGEST.templated()).isFalse();
    assertThat(MessageKind.CLINICIAN_DIGEST.tooLate(START, START.plusSeconds(3600))).isFalse();
  }
}
