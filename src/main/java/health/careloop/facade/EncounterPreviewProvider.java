package health.careloop.facade;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * {@code POST /fhir/Encounter/$preview}: the follow-ups CareLoop would plan for a finished visit, as
 * a collection Bundle of draft CommunicationRequests and an OperationOutcome saying why (each item
 * chosen and the visit code that matched it, items left out, or why the visit gets nothing). Writes
 * nothing. A plain provider, as {@link AppointmentPreviewProvider} is, for the same reasons.
 */
@Component
class EncounterPreviewProvider implements FhirPlainProvider {

  private final EncounterPreviewService service;

  EncounterPreviewProvider(EncounterPreviewService service) {
    this.service = service;
  }

  @Operation(name = "$preview", type = Encounter.class, idempotent = false)
  @Description(shortDefinition = "The follow-ups CareLoop would plan for a finished visit, and why; writes nothing")
  public Bundle preview(
      @Description(shortDefinition = "The Encounter, inline (with an id: that EHR Encounter in this state)")
      @OperationParam(name = "encounter", min = 0, max = 1)
      IBaseResource encounter,
      @Description(shortDefinition = "Or a reference to an Encounter in the EHR (Encounter/{id}), read now")
      @OperationParam(name = "encounterReference", min = 0, max = 1)
      Reference encounterReference) {
    if ((encounter == null) == (encounterReference == null)) {
      throw new InvalidRequestException("CL-2020: $preview takes exactly one of the parameters encounter "
          + "(an Encounter resource) and encounterReference (Encounter/{id}), "
          + (encounter == null ? "got neither" : "got both"));
    }
    if (encounter != null) {
      if (!(encounter instanceof Encounter inline)) {
        throw new InvalidRequestException("CL-2021: the parameter encounter must be an Encounter, not a "
            + encounter.fhirType());
      }
      return service.preview(inline);
    }
    return service.preview(encounterReference);
  }
}
