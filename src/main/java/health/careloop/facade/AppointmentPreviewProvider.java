package health.careloop.facade;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/Appointment/$preview}: the messages CareLoop would plan for an Appointment, as
 * a collection Bundle of draft CommunicationRequests. Writes nothing.
 *
 * <p>A plain provider: the façade serves no Appointment resources (they live in the EHR), only this
 * operation on the type. Needs the scope {@code careloop/preview}
 * ({@link health.careloop.access.FacadeAccessInterceptor}, docs/security.md).
 */
@Component
class AppointmentPreviewProvider implements FhirPlainProvider {

  private final AppointmentPreviewService service;

  AppointmentPreviewProvider(AppointmentPreviewService service) {
    this.service = service;
  }

  @Operation(name = "$preview", type = Appointment.class, idempotent = false)
  @Description(shortDefinition = "The messages CareLoop would plan for an Appointment (draft CommunicationRequests); writes nothing")
  public Bundle preview(
      @Description(shortDefinition = "The Appointment, inline (with an id: that EHR Appointment in this state)")
      @OperationParam(name = "appointment", min = 0, max = 1)
      IBaseResource appointment,
      @Description(shortDefinition = "Or a reference to an Appointment in the EHR (Appointment/{id}), read now")
      @OperationParam(name = "appointmentReference", min = 0, max = 1)
      Reference appointmentReference) {
    if ((appointment == null) == (appointmentReference == null)) {
      throw new InvalidRequestException("CL-2020: $preview takes exactly one of the parameters appointment "
          + "(an Appointment resource) and appointmentReference (Appointment/{id}), "
          + (appointment == null ? "got neither" : "got both"));
    }
    if (appointment != null) {
      if (!(appointment instanceof Appointment inline)) {
        throw new InvalidRequestException("CL-2021: the parameter appointment must be an Appointment, not a "
            + appointment.fhirType());
      }
      return service.preview(inline);
    }
    return service.preview(appointmentReference);
  }
}
