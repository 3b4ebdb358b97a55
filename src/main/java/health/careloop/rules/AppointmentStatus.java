package health.careloop.rules;

import java.util.Locale;

/** FHIR R4 Appointment.status, as CareLoop reasons about it. */
public enum AppointmentStatus {
  PROPOSED, PENDING, BOOKED, ARRIVED, FULFILLED, CANCELLED, NOSHOW, ENTERED_IN_ERROR, CHECKED_IN, WAITLIST;

  /** Parses the FHIR code ({@code entered-in-error}, {@code checked-in}, ...). */
  public static AppointmentStatus fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  /** Only a booked appointment is one the patient is expected to come to. */
  public boolean expectsPatient() {
    return this == BOOKED;
  }
}
