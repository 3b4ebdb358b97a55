package health.careloop.rules;

import java.util.Locale;

/** FHIR R4 Appointment.status, as CareLoop reasons about it. */
public enum AppointmentStatus {
  PROPOSED, PENDING, BOOKED, ARRIVED, FULFILLED, CANCELLED, NOSHOW, ENTERED_IN_ERROR, CHECKED_IN, WAITLIST;

  /** Parses the FHIR code ({@code entered-in-error}, {@code checked-in}, ...). */
  public static AppointmentStatus fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** The FHIR code, the inverse of {@link #fromCode}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Only a booked appointment is one the patient is expected to come to. */
  public boolean expectsPatient() {
    return this == BOOKED;
  }

  /**
   * Whether an appointment in this state has anything to say to its patients (reminders, a
   * cancellation or a no-show message). In the others (proposed, arrived, entered-in-error, ...)
   * whatever is pending is withdrawn and nothing is planned.
   */
  public boolean hasMessages() {
    return this == BOOKED || this == CANCELLED || this == NOSHOW;
  }
}
