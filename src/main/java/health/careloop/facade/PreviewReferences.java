package health.careloop.facade;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.careloop.ehr.EhrReferences;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Reference;

/** The resource a {@code $preview} names by reference: checked, and its logical id on the EHR. */
final class PreviewReferences {

  private PreviewReferences() {}

  /**
   * @param type the resource type it must reference ({@code Appointment}, {@code Encounter})
   * @param parameter the parameter's name, for the error
   * @param inlineParameter the parameter that takes the resource inline instead
   */
  static String idOf(Reference reference, String type, String parameter, String inlineParameter, EhrReferences ehr) {
    if (!reference.hasReference()) {
      throw new InvalidRequestException("CL-2022: " + parameter + " needs a reference (" + type + "/{id}); "
          + "a logical reference by identifier or display only is not supported");
    }
    IIdType target = reference.getReferenceElement();
    if (reference.getReference().startsWith("#") || target.getIdPart() == null || target.getIdPart().isBlank()) {
      throw new InvalidRequestException("CL-2022: " + parameter + " must be " + type + "/{id} or "
          + ehr.base() + "/" + type + "/{id}, not " + reference.getReference());
    }
    if (target.getResourceType() != null && !type.equals(target.getResourceType())) {
      throw new InvalidRequestException("CL-2022: " + parameter + " must reference an " + type + ", not "
          + reference.getReference());
    }
    if (target.hasVersionIdPart()) {
      throw new InvalidRequestException("CL-2022: $preview plans from the " + type + "'s current version; "
          + "give " + type + "/" + target.getIdPart() + " without _history (or the version inline as "
          + inlineParameter + ")");
    }
    if (!ehr.isEhr(target.getBaseUrl())) {
      throw new UnprocessableEntityException("CL-2024: " + parameter + " " + reference.getReference()
          + " is not on CareLoop's EHR (" + ehr.base() + "); give the " + type + " inline as " + inlineParameter);
    }
    return target.getIdPart();
  }
}
