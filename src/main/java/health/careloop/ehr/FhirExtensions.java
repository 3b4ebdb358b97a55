package health.careloop.ehr;

import health.careloop.rules.TimeZoneChoice;
import java.time.ZoneId;
import java.util.Optional;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;

/** The standard extensions CareLoop reads from EHR resources. */
public final class FhirExtensions {

  /** IANA time zone (FHIR extensions pack, allowed on any element): on Patient, Location, Organization. */
  public static final String TIME_ZONE = "http://hl7.org/fhir/StructureDefinition/timezone";

  private FhirExtensions() {}

  public static Optional<ZoneId> timeZone(DomainResource resource) {
    Extension extension = resource.getExtensionByUrl(TIME_ZONE);
    if (extension == null || extension.getValue() == null || !extension.getValue().isPrimitive()) {
      return Optional.empty();
    }
    return TimeZoneChoice.parse(extension.getValue().primitiveValue());
  }
}
