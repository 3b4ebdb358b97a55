package health.careloop.ehr;

import health.careloop.rules.Recipient;
import java.time.ZoneId;
import java.util.Optional;
import org.hl7.fhir.r4.model.Location;
import org.springframework.stereotype.Component;

/**
 * What the EHR says about the people and places a message involves, in CareLoop's own terms:
 * the features never see a FHIR model.
 */
@Component
public class RecipientDirectory {

  private final EhrReader ehr;

  RecipientDirectory(EhrReader ehr) {
    this.ehr = ehr;
  }

  public Optional<Recipient> patient(String patientId) {
    return ehr.patient(patientId).map(RecipientTranslator::toRecipient);
  }

  /** The Location's time zone, else that of the Organization managing it. */
  public Optional<ZoneId> zoneOfLocation(String locationId) {
    if (locationId == null) {
      return Optional.empty();
    }
    Optional<Location> location = ehr.location(locationId);
    return location.flatMap(FhirExtensions::timeZone)
        .or(() -> location.filter(Location::hasManagingOrganization)
            .map(l -> l.getManagingOrganization().getReferenceElement().getIdPart())
            .flatMap(ehr::organization)
            .flatMap(FhirExtensions::timeZone));
  }

  public Optional<String> locationName(String locationId) {
    return Optional.ofNullable(locationId).flatMap(ehr::location).filter(Location::hasName).map(Location::getName);
  }
}
