package health.careloop.reminders;

import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.MessageDraft;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which reminders an appointment should have, from its current state alone (pure). Replanning
 * compares this with what is pending, so a repeated notification plans nothing new.
 *
 * <p>A reminder is wanted for each Patient participant and each offset when the appointment is
 * booked and the reminder's time is still ahead: nothing is sent late, nothing after the start.
 */
public final class ReminderPlanner {

  private final List<Duration> offsets;

  public ReminderPlanner(List<Duration> offsets) {
    this.offsets = List.copyOf(offsets);
  }

  public List<MessageDraft> wanted(AppointmentSnapshot appointment, Instant now) {
    if (!appointment.status().expectsPatient() || appointment.start() == null) {
      return List.of();
    }
    List<MessageDraft> drafts = new ArrayList<>();
    for (String patientId : appointment.patientIds()) {
      for (Duration offset : offsets) {
        Instant due = appointment.start().minus(offset);
        if (due.isAfter(now)) {
          drafts.add(new MessageDraft(key(appointment, patientId, offset), MessageKind.APPOINTMENT_REMINDER,
              appointment.id(), patientId, appointment.start(), due));
        }
      }
    }
    return drafts;
  }

  /**
   * The same reminder for the same appointment start is the same message, whatever version of the
   * appointment planned it: e.g. {@code Appointment/42:Patient/7:reminder-PT2H:2026-12-01T09:00:00Z}.
   */
  static String key(AppointmentSnapshot appointment, String patientId, Duration offset) {
    return "Appointment/" + appointment.id() + ":Patient/" + patientId + ":reminder-" + offset
        + ":" + appointment.start();
  }
}
