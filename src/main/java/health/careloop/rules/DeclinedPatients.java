package health.careloop.rules;

import java.util.Optional;

/**
 * What a patient who declined an appointment ({@code Appointment.participant.status = declined})
 * is still told about it. They will not come, or it was never theirs: no confirmation, reminder,
 * moved or missed-appointment message, whatever this says.
 */
public enum DeclinedPatients {
  /** Nothing at all. */
  NOTHING,
  /** That the appointment was cancelled, and nothing else. */
  CANCELLATION;

  /** Whether a patient who declined may still get a message of this kind. */
  public boolean allows(MessageKind kind) {
    return this == CANCELLATION && kind == MessageKind.APPOINTMENT_CANCELLED;
  }

  /**
   * Empty unless the patient has declined the appointment and may not get a message of this kind;
   * then why not (no patient data).
   */
  public Optional<String> whyNot(AppointmentSnapshot appointment, String patientId, MessageKind kind) {
    return appointment.isDeclinedBy(patientId) && !allows(kind)
        ? Optional.of("the patient has declined the appointment") : Optional.empty();
  }
}
