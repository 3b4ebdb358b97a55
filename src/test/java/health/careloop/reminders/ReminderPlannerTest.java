package health.careloop.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.AppointmentStatus;
import health.careloop.rules.MessageKind;
import health.careloop.rules.ResourceVersion;
import health.careloop.schedule.MessageDraft;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReminderPlannerTest {

  private static final Instant START = Instant.parse("2026-12-10T09:00:00Z");
  private final ReminderPlanner planner = new ReminderPlanner(List.of(Duration.ofDays(2), Duration.ofHours(2)));

  @Test
  void bookedAppointment_getsOneReminderPerOffset_atStartMinusOffset() {
    List<MessageDraft> drafts = planner.wanted(appointment(AppointmentStatus.BOOKED, "p1"), START.minus(Duration.ofDays(5)));

    assertThat(drafts).extracting(MessageDraft::dueAt)
        .containsExactly(START.minus(Duration.ofDays(2)), START.minus(Duration.ofHours(2)));
    assertThat(drafts).allSatisfy(d -> {
      assertThat(d.kind()).isEqualTo(MessageKind.APPOINTMENT_REMINDER);
      assertThat(d.patientId()).isEqualTo("p1");
      assertThat(d.appointmentStart()).isEqualTo(START);
    });
  }

  @Test
  void reminderWhoseTimeHasPassed_isNotPlanned() {
    List<MessageDraft> drafts = planner.wanted(appointment(AppointmentStatus.BOOKED, "p1"), START.minus(Duration.ofDays(1)));

    assertThat(drafts).extracting(MessageDraft::dueAt).containsExactly(START.minus(Duration.ofHours(2)));
  }

  @Test
  void nothingIsPlanned_afterTheStart() {
    assertThat(planner.wanted(appointment(AppointmentStatus.BOOKED, "p1"), START.plusSeconds(1))).isEmpty();
  }

  @Test
  void cancelledOrProposedAppointment_wantsNoReminder() {
    Instant now = START.minus(Duration.ofDays(5));
    assertThat(planner.wanted(appointment(AppointmentStatus.CANCELLED, "p1"), now)).isEmpty();
    assertThat(planner.wanted(appointment(AppointmentStatus.PROPOSED, "p1"), now)).isEmpty();
  }

  @Test
  void eachPatientParticipant_getsTheirOwnReminders() {
    List<MessageDraft> drafts = planner.wanted(appointment(AppointmentStatus.BOOKED, "p1", "p2"), START.minus(Duration.ofDays(5)));

    assertThat(drafts).extracting(MessageDraft::patientId).containsExactly("p1", "p1", "p2", "p2");
    assertThat(drafts).extracting(MessageDraft::messageKey).doesNotHaveDuplicates();
  }

  @Test
  void messageKey_isTheSameForEveryVersionWithTheSameStart() {
    var v1 = appointment(AppointmentStatus.BOOKED, "p1");
    var v2 = new AppointmentSnapshot("a1", new ResourceVersion("2", null), AppointmentStatus.BOOKED, START, List.of("p1"), "loc");
    Instant now = START.minus(Duration.ofDays(5));

    assertThat(planner.wanted(v2, now)).extracting(MessageDraft::messageKey)
        .isEqualTo(planner.wanted(v1, now).stream().map(MessageDraft::messageKey).toList());
    assertThat(planner.wanted(v1, now).get(0).messageKey())
        .isEqualTo("Appointment/a1:Patient/p1:reminder-PT48H:2026-12-10T09:00:00Z");
  }

  @Test
  void movedAppointment_getsNewKeys() {
    var moved = new AppointmentSnapshot("a1", new ResourceVersion("2", null), AppointmentStatus.BOOKED,
        START.plus(Duration.ofDays(1)), List.of("p1"), null);
    Instant now = START.minus(Duration.ofDays(5));

    assertThat(planner.wanted(moved, now)).extracting(MessageDraft::messageKey)
        .doesNotContainAnyElementsOf(planner.wanted(appointment(AppointmentStatus.BOOKED, "p1"), now).stream()
            .map(MessageDraft::messageKey).toList());
  }

  private static AppointmentSnapshot appointment(AppointmentStatus status, String... patients) {
    return new AppointmentSnapshot("a1", new ResourceVersion("1", null), status, START, List.of(patients), "loc");
  }
}
