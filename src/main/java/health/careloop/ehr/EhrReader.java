package health.careloop.ehr;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.List;
import java.util.Optional;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.springframework.stereotype.Component;

/**
 * Reads what CareLoop needs from the EHR. Appointments are always read fresh (they are what
 * decides whether a message may still go out); Patients and Locations change slowly and are cached
 * for {@code careloop.ehr.cache-ttl}.
 */
@Component
public class EhrReader {

  private final IGenericClient ehr;
  private final Cache<String, Patient> patients;
  private final Cache<String, Location> locations;
  private final Cache<String, Organization> organizations;

  EhrReader(IGenericClient ehr, EhrProperties properties) {
    this.ehr = ehr;
    this.patients = Caffeine.newBuilder().expireAfterWrite(properties.cacheTtl()).maximumSize(10_000).build();
    this.locations = Caffeine.newBuilder().expireAfterWrite(properties.cacheTtl()).maximumSize(1_000).build();
    this.organizations = Caffeine.newBuilder().expireAfterWrite(properties.cacheTtl()).maximumSize(1_000).build();
  }

  /** The Appointment as the EHR holds it now; empty if it was deleted. */
  public Optional<Appointment> appointment(String id) {
    return readOrEmpty(Appointment.class, id);
  }

  public Optional<Patient> patient(String id) {
    return Optional.ofNullable(patients.getIfPresent(id))
        .or(() -> readOrEmpty(Patient.class, id).map(p -> remember(patients, id, p)));
  }

  public Optional<Location> location(String id) {
    return Optional.ofNullable(locations.getIfPresent(id))
        .or(() -> readOrEmpty(Location.class, id).map(l -> remember(locations, id, l)));
  }

  public Optional<Organization> organization(String id) {
    return Optional.ofNullable(organizations.getIfPresent(id))
        .or(() -> readOrEmpty(Organization.class, id).map(o -> remember(organizations, id, o)));
  }

  /**
   * The patient's active Consents, never cached and past any search cache of the EHR: an opt-out
   * recorded a minute ago must stop the next message.
   */
  public List<Consent> activeConsents(String patientId) {
    return ehr.search().forResource(Consent.class)
        .where(Consent.PATIENT.hasId("Patient/" + patientId))
        .and(Consent.STATUS.exactly().code("active"))
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute()
        .getEntry().stream().map(e -> (Consent) e.getResource()).toList();
  }

  /**
   * The people the EHR relates to the patient, never cached: someone who stopped being a guardian
   * must stop receiving the patient's messages.
   */
  public List<RelatedPerson> relatedPersons(String patientId) {
    return ehr.search().forResource(RelatedPerson.class)
        .where(RelatedPerson.PATIENT.hasId("Patient/" + patientId))
        .count(100)
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute()
        .getEntry().stream().map(e -> (RelatedPerson) e.getResource()).toList();
  }

  /** A RelatedPerson as the EHR holds it now (not cached, for the same reason). */
  public Optional<RelatedPerson> relatedPerson(String id) {
    return readOrEmpty(RelatedPerson.class, id);
  }

  private static <T> T remember(Cache<String, T> cache, String id, T value) {
    cache.put(id, value);
    return value;
  }

  private <T extends org.hl7.fhir.instance.model.api.IBaseResource> Optional<T> readOrEmpty(
      Class<T> type, String id) {
    try {
      return Optional.of(ehr.read().resource(type).withId(id).execute());
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      return Optional.empty();
    }
  }
}
