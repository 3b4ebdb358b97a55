package health.careloop.writeback;

import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.AppointmentStatus;
import health.careloop.schedule.DueMessage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last check before a message goes out, against the Appointment as the EHR holds it now:
 * a reminder for a cancelled, moved or started appointment is never sent. Pure.
 */
final class StillHolds {

  private StillHolds() {}

  /** Empty if the message may go; else why not. */
  static Optional<String> check(DueMessage message, AppointmentSnapshot now, Instant at) {
    AppointmentStatus status = now.status();
    return switch (message.kind()) {
      case APPOINTMENT_CONFIRMATION, APPOINTMENT_REMINDER, APPOINTMENT_MOVED -> {
        if (status != AppointmentStatus.BOOKED) {
          yield Optional.of("the appointment is now " + status.code());
        }
        if (!Objects.equals(now.start(), message.appointmentStart())) {
          yield Optional.of("the appointment has moved");
        }
        if (message.kind().tooLate(now.start(), at)) {
          yield Optional.of("the appointment has started");
        }
        if (message.onlyIfUnconfirmed() && now.isConfirmedBy(message.patientId())) {
          yield Optional.of("the patient has confirmed");
        }
        yield Optional.empty();
      }
      case APPOINTMENT_CANCELLED -> status == AppointmentStatus.CANCELLED
          ? (message.kind().tooLate(now.start(), at) ? Optional.of("the appointment time has passed") : Optional.empty())
          : Optional.of("the appointment is now " + status.code());
      case APPOINTMENT_MISSED -> status == AppointmentStatus.NOSHOW
          ? Optional.empty()
          : Optional.of("the appointment is now " + status.code());
    };
  }
}
