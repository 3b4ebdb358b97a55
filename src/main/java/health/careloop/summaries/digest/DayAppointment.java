package health.careloop.summaries.digest;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One of the day's booked appointments, as the digest needs it.
 *
 * @param appointment its relative reference, {@code Appointment/40}
 * @param patient the patient's relative reference, {@code Patient/12}
 * @param patientDisplay how the EHR named the patient on the appointment, or null
 * @param clinicians the Practitioner and PractitionerRole references taking part
 */
public record DayAppointment(String appointment, Instant start, String patient, String patientDisplay,
    List<String> clinicians) {

  public DayAppointment {
    Objects.requireNonNull(appointment, "appointment");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(patient, "patient");
    clinicians = List.copyOf(clinicians);
  }
}
