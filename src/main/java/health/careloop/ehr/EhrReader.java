package health.careloop.ehr;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.BundleUtil;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.springframework.stereotype.Component;

/**
 * Reads what CareLoop needs from the EHR. Appointments are always read fresh (they are what
 * decides whether a message may still go out); Patients, Locations and Organizations change slowly
 * and are cached for {@code careloop.ehr.cache-ttl} (that they are missing too), except where a
 * message is about to go out: {@link #patientNow} reads the Patient afresh.
 */
@Component
public class EhrReader {

  private final IGenericClient ehr;
  private final Cache<String, Optional<Patient>> patients;
  private final Cache<String, Optional<Location>> locations;
  private final Cache<String, Optional<Organization>> organizations;

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

  /** The Encounter as the EHR holds it now; empty if it was deleted. */
  public Optional<Encounter> encounter(String id) {
    return readOrEmpty(Encounter.class, id);
  }

  /** A Condition as the EHR holds it now; empty if it was deleted. */
  public Optional<Condition> condition(String id) {
    return readOrEmpty(Condition.class, id);
  }

  /** The Procedures the EHR records as done during an Encounter, every page. */
  public List<Procedure> proceduresOf(String encounterId) {
    return all(Procedure.class, ehr.search().forResource(Procedure.class)
        .where(Procedure.ENCOUNTER.hasId("Encounter/" + encounterId))
        .returnBundle(Bundle.class).execute());
  }

  /** The Patient, possibly as read up to {@code cache-ttl} ago: for planning. */
  public Optional<Patient> patient(String id) {
    return patients.get(id, key -> readOrEmpty(Patient.class, key));
  }

  /**
   * The Patient as the EHR holds it now, for the last check before a message goes out (a death or
   * a guardian recorded a minute ago counts); the cache keeps this fresher copy.
   */
  public Optional<Patient> patientNow(String id) {
    Optional<Patient> patient = readOrEmpty(Patient.class, id);
    patients.put(id, patient);
    return patient;
  }

  public Optional<Location> location(String id) {
    return locations.get(id, key -> readOrEmpty(Location.class, key));
  }

  public Optional<Organization> organization(String id) {
    return organizations.get(id, key -> readOrEmpty(Organization.class, key));
  }

  /**
   * The patient's active Consents, never cached and past any search cache of the EHR: an opt-out
   * recorded a minute ago must stop the next message. Every page: a deny on page two counts too.
   */
  public List<Consent> activeConsents(String patientId) {
    return all(Consent.class, ehr.search().forResource(Consent.class)
        .where(Consent.PATIENT.hasId("Patient/" + patientId))
        .and(Consent.STATUS.exactly().code("active"))
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute());
  }

  /**
   * The people the EHR relates to the patient, never cached: someone who stopped being a guardian
   * must stop receiving the patient's messages.
   */
  public List<RelatedPerson> relatedPersons(String patientId) {
    return all(RelatedPerson.class, ehr.search().forResource(RelatedPerson.class)
        .where(RelatedPerson.PATIENT.hasId("Patient/" + patientId))
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute());
  }

  /** The resources of a search result and of every page after it. */
  private <T extends IBaseResource> List<T> all(Class<T> type, Bundle first) {
    List<T> resources = new ArrayList<>();
    for (Bundle page = first; page != null;
        page = page.getLink(Bundle.LINK_NEXT) != null ? ehr.loadPage().next(page).execute() : null) {
      resources.addAll(BundleUtil.toListOfResourcesOfType(ehr.getFhirContext(), page, type));
    }
    return resources;
  }

  private <T extends IBaseResource> Optional<T> readOrEmpty(Class<T> type, String id) {
    try {
      return Optional.of(ehr.read().resource(type).withId(id).execute());
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      return Optional.empty();
    }
  }
}
