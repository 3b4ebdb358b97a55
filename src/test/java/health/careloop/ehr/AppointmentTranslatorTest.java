package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.ResourceVersion;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class AppointmentTranslatorTest {

  @Test
  void participationStatus_ofEachPatient_isRead_accepted_andDeclined() {
    Appointment appointment = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
    appointment.addParticipant().setActor(new Reference("Patient/p1")).setStatus(ParticipationStatus.DECLINED);
    appointment.addParticipant().setActor(new Reference("Patient/p2")).setStatus(ParticipationStatus.ACCEPTED);
    appointment.addParticipant().setActor(new Reference("Patient/p3")).setStatus(ParticipationStatus.NEEDSACTION);
    appointment.addParticipant().setActor(new Reference("Location/l1")).setStatus(ParticipationStatus.DECLINED);

    AppointmentSnapshot snapshot = AppointmentTranslator.toSnapshot("a1", appointment, new ResourceVersion("1", null));

    assertThat(snapshot.patientIds()).containsExactly("p1", "p2", "p3");
    assertThat(snapshot.declinedPatientIds()).containsExactly("p1");
    assertThat(snapshot.confirmedPatientIds()).containsExactly("p2");
    assertThat(snapshot.isDeclinedBy("p1")).isTrue();
    assertThat(snapshot.isDeclinedBy("p3")).isFalse();
  }

  @Test
  void basedOn_keepsTheServiceRequestsTheAppointmentBooks_onlyThose() {
    Appointment appointment = new Appointment().setStatus(Appointment.AppointmentStatus.BOOKED);
    appointment.addBasedOn(new Reference("ServiceRequest/r1"));
    appointment.addBasedOn(new Reference("ServiceRequest/r2/_history/3"));
    appointment.addBasedOn(new Reference("CarePlan/c1"));
    appointment.addBasedOn(new Reference().setDisplay("a referral on paper"));

    AppointmentSnapshot snapshot = AppointmentTranslator.toSnapshot("a1", appointment, new ResourceVersion("1", null));

    assertThat(snapshot.basedOnServiceRequestIds()).containsExactly("r1", "r2");
  }
}
