package health.careloop.writeback;

import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.AppointmentStatus;
import health.careloop.rules.DeclinedPatients;
import health.careloop.rules.MessageKind;
import health.careloop.rules.MissedMessagePolicy;
import health.careloop.schedule.DueMessage;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The last check before a message goes out, against the Appointment as the EHR holds it now:
 * a reminder for a cancelled, moved or started appointment is never sent, nor a no-show message
 * past its window after the start, nor anything but what is configured to a patient who has
 * declined the appointment since it was planned. Pure.
 */
final class StillHolds {

  private final MissedMessagePolicy missed;
  private final DeclinedPatients declined;

  StillHolds(MissedMessagePolicy missed, DeclinedPatients declined) {
    this.missed = missed;
    this.declined = declined;
  }

  /** Empty if the message may go; else why not. */
  Optional<String> check(DueMessage message, AppointmentSnapshot now, Instant at) {
    Optional<String> stale = appointmentChanged(message, now, at);
    return stale.isPresent() ? stale : declined.whyNot(now, message.patientId(), message.kind());
  }

  private Optional<String> appointmentChanged(DueMessage message, AppointmentSnapshot now, Instant at) {
    AppointmentStatus status = now.status();
    return switch (message.kind()) {
      case APPOINTMENT_CONFIRMATION, APPOINTMENT_REMINDER, APPOINTMENT_MOVED -> {
        if (status != AppointmentStatus.BOOKED) {
          yield Optional.of("the appointment is now " + status.code());
        }
        if (!Objects.equals(now.start(), message.appointmentStart())) {
          yield Optional.of("the appointment has moved");
        }
        Optional<String> late = tooLate(message.kind(), now.start(), at);
        if (late.isPresent()) {
          yield late;
        }
        if (message.onlyIfUnconfirmed() && now.isConfirmedBy(message.patientId())) {
          yield Optional.of("the patient has confirmed");
        }
        yield Optional.empty();
      }
      case APPOINTMENT_CANCELLED -> status == AppointmentStatus.CANCELLED
          ? tooLate(message.kind(), now.start(), at)
          : Optional.of("the appointment is now " + status.code());
      case APPOINTMENT_MISSED -> status == AppointmentStatus.NOSHOW
          ? tooLate(message.kind(), now.start(), at)
          : Optional.of("the appointment is now " + status.code());
      case FOLLOW_UP_CONTENT, SURGERY_UPDATE -> throw notAboutAnAppointment(message.kind());
      // Written when its Encounter has finished, by its own path: never sent as an appointment message.
      case CLINICIAN_TASK_SUMMARY -> Optional.of("a clinician task summary is not an appointment message");
      // Written by its daily run straight into the EHR, never planned: were one due here, not sent.
      case CLINICIAN_DIGEST -> Optional.of("a clinician digest is not an appointment message");
    };
  }

  /**
   * Empty if a message of this kind is not too late at {@code at} for an appointment starting at
   * {@code start}; else why: nothing but a no-show message goes out after the start, and that only
   * within its window (also when quiet hours or an outage held it up until then).
   */
  Optional<String> tooLate(MessageKind kind, Instant start, Instant at) {
    return switch (kind) {
      case APPOINTMENT_MISSED -> missed.whyNotAt(start, at);
      case APPOINTMENT_CANCELLED -> kind.tooLate(start, at) ? Optional.of("the appointment time has passed") : Optional.empty();
      case APPOINTMENT_CONFIRMATION, APPOINTMENT_REMINDER, APPOINTMENT_MOVED ->
          kind.tooLate(start, at) ? Optional.of("the appointment has started") : Optional.empty();
      case FOLLOW_UP_CONTENT, SURGERY_UPDATE -> throw notAboutAnAppointment(kind);
      case CLINICIAN_TASK_SUMMARY, CLINICIAN_DIGEST -> Optional.empty();
    };
  }

  /** A follow-up is about a visit that is over, and has checks of its own (FollowUpStillHolds). */
  private static IllegalArgumentException notAboutAnAppointment(MessageKind kind) {
    return new IllegalArgumentException(kind.code() + " is not about an appointment");
  }
}
