package health.careloop.summaries.digest;

import java.time.Instant;
import java.util.List;

/**
 * A patient on a clinician's list for the day, once however many appointments they have with that
 * clinician that day.
 *
 * @param appointments the patient's appointments with the clinician that day, earliest first
 */
public record DigestPatient(String patient, String display, List<DayAppointment> appointments) {

  public DigestPatient {
    appointments = List.copyOf(appointments);
    if (appointments.isEmpty()) {
      throw new IllegalArgumentException(patient + " is on the day's list without an appointment");
    }
  }

  public Instant first() {
    return appointments.get(0).start();
  }
}
