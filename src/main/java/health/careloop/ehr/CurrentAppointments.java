package health.careloop.ehr;

import health.careloop.rules.AppointmentSnapshot;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Appointments as the EHR holds them now, in CareLoop's terms: for features that never see a FHIR model. */
@Component
public class CurrentAppointments {

  private final EhrReader ehr;

  CurrentAppointments(EhrReader ehr) {
    this.ehr = ehr;
  }

  /** The Appointment read afresh (never cached); empty if the EHR no longer has it. */
  public Optional<AppointmentSnapshot> read(String appointmentId) {
    return ehr.appointment(appointmentId).map(a -> AppointmentTranslator.current(appointmentId, a));
  }
}
