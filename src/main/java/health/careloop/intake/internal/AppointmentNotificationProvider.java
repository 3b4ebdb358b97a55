package health.careloop.intake.internal;

import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.annotation.Update;
import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.IdType;
import org.springframework.stereotype.Component;

/** Receives the EHR's rest-hook deliveries for Appointments: {@code PUT /hook/Appointment/{id}}. */
@Component
public class AppointmentNotificationProvider implements IResourceProvider {

  private final NotificationIntake intake;

  AppointmentNotificationProvider(NotificationIntake intake) {
    this.intake = intake;
  }

  @Override
  public Class<Appointment> getResourceType() {
    return Appointment.class;
  }

  @Update
  public MethodOutcome notified(@IdParam IdType id, @ResourceParam Appointment appointment, RequestDetails request) {
    return intake.receive(id, appointment, request.loadRequestContents());
  }
}
