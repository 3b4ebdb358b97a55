package health.careloop.ehr;

import ca.uhn.fhir.model.api.Include;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.MethodNotAllowedException;
import ca.uhn.fhir.rest.server.exceptions.NotImplementedOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.util.BundleUtil;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads what CareLoop needs from the EHR. Appointments are always read fresh (they are what
 * decides whether a message may still go out); Patients, Locations and Organizations change slowly
 * and are cached for {@code careloop.ehr.cache-ttl} (that they are missing too), except where a
 * message is about to go out: {@link #patientNow} and {@link #patientWithSurroundings} read the
 * Patient afresh.
 */
@Component
public class EhrReader {

  private static final Logger log = LoggerFactory.getLogger(EhrReader.class);

  /**
   * More Consents and RelatedPersons than this in one answer of the combined search, and they are
   * read again separately: a server may cut the resources it includes in a page at a limit of its
   * own (HAPI FHIR's JPA server at 1,000 by default) without saying so, and a Consent left out could
   * be an opt-out.
   */
  static final int MOST_INCLUDED_TRUSTED = 500;

  private final IGenericClient ehr;
  private final Cache<String, Optional<Patient>> patients;
  private final Cache<String, Optional<Location>> locations;
  private final Cache<String, Optional<Organization>> organizations;
  private final AtomicBoolean warnedCombinedSearch = new AtomicBoolean();
  /**
   * Until when the combined search is not tried: the EHR refused it as a search it cannot do
   * (400, 405, 501), may not let CareLoop do (403) or drops a part of (its self link), which the
   * next message's search would meet again. Trying it anyway would cost every message one request
   * more than the separate reads alone.
   */
  private final AtomicReference<Instant> combinedSearchRefusedUntil = new AtomicReference<>(Instant.MIN);
  private final Duration combinedSearchRetryAfter;
  private final Clock clock;

  EhrReader(IGenericClient ehr, EhrProperties properties, Clock clock) {
    this.ehr = ehr;
    this.clock = clock;
    this.combinedSearchRetryAfter = properties.combinedSearchRetryAfter();
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

  /**
   * The Patient, its active Consents and its RelatedPersons as the EHR holds them now, for the last
   * checks before a message goes out, in one search where the EHR can
   * ({@code Patient?_id=..&_revinclude=Consent:patient&_revinclude=RelatedPerson:patient}, past any
   * search cache, every page) instead of the three reads of {@link #patientNow},
   * {@link #activeConsents} and {@link #relatedPersons}, with the same meaning. The cache keeps this
   * fresher Patient. Where the EHR cannot do that search (it answers 400, 405 or 501) or does not let
   * CareLoop do it (403: a scope to read Patients but not to search them), where its self link does
   * not show both {@code _revinclude}s (it may have dropped them), where its
   * answer carries a warning, or where it includes so many resources that it may have cut some
   * ({@link #MOST_INCLUDED_TRUSTED}), the three reads instead. After a refusal (a status or a
   * self link, which the next search would meet again; not a warning or a count, which are about one
   * answer), the next messages go straight to the three reads for
   * {@code careloop.ehr.combined-search-retry-after}.
   */
  public PatientSurroundings patientWithSurroundings(String id) {
    Optional<PatientSurroundings> combined = clock.instant().isBefore(combinedSearchRefusedUntil.get())
        ? Optional.empty() : combinedSearch(id);
    if (combined.isPresent()) {
      patients.put(id, combined.get().patient());
      return combined.get();
    }
    Optional<Patient> patient = patientNow(id);
    if (patient.isEmpty()) {
      return PatientSurroundings.gone();
    }
    return new PatientSurroundings(patient, activeConsents(id), relatedPersons(id));
  }

  /** Empty when the answer cannot be relied on: the caller reads the three separately. */
  private Optional<PatientSurroundings> combinedSearch(String id) {
    List<Patient> found = new ArrayList<>();
    List<Consent> consents = new ArrayList<>();
    List<RelatedPerson> related = new ArrayList<>();
    try {
      Bundle first = ehr.search().forResource(Patient.class)
          .where(Patient.RES_ID.exactly().code(id))
          .revInclude(Consent.INCLUDE_PATIENT)
          .revInclude(RelatedPerson.INCLUDE_PATIENT)
          .cacheControl(new CacheControlDirective().setNoCache(true))
          // An EHR that does not know _revinclude must say so rather than answer without them.
          .withAdditionalHeader("Prefer", "handling=strict")
          .returnBundle(Bundle.class).execute();
      if (!performed(first, Consent.INCLUDE_PATIENT) || !performed(first, RelatedPerson.INCLUDE_PATIENT)) {
        warnOnce(id, "its answer's self link does not say it included them");
        refused("its answer's self link does not say it included them");
        return Optional.empty();
      }
      for (Bundle page = first; page != null;
          page = page.getLink(Bundle.LINK_NEXT) != null ? ehr.loadPage().next(page).execute() : null) {
        for (Bundle.BundleEntryComponent entry : page.getEntry()) {
          if (entry.getResource() instanceof Patient patient && patient.getIdElement().getIdPart().equals(id)) {
            found.add(patient);
          } else if (entry.getResource() instanceof Consent consent && namesPatient(consent.getPatient(), id)) {
            if (consent.getStatus() == Consent.ConsentState.ACTIVE) {
              consents.add(consent);
            }
          } else if (entry.getResource() instanceof RelatedPerson person && namesPatient(person.getPatient(), id)) {
            related.add(person);
          } else if (entry.getResource() instanceof OperationOutcome) {
            warnOnce(id, "its answer carried an OperationOutcome (included resources may have been left out)");
            return Optional.empty();
          }
        }
      }
    } catch (ResourceNotFoundException | ResourceGoneException e) {
      return Optional.of(PatientSurroundings.gone());
    } catch (InvalidRequestException | MethodNotAllowedException | NotImplementedOperationException
        | ForbiddenOperationException e) {
      // 403: a token with SMART's system/Patient.r but not .s (the scope before this search) may
      // read the Patient and search Consents and RelatedPersons: the separate reads still work, and
      // where they are forbidden too they fail as they always did.
      warnOnce(id, "it answered HTTP " + e.getStatusCode());
      refused("it answered HTTP " + e.getStatusCode());
      return Optional.empty();
    }
    if (consents.size() + related.size() >= MOST_INCLUDED_TRUSTED) {
      warnOnce(id, "it included " + (consents.size() + related.size()) + " resources, more than CareLoop trusts"
          + " a server to include uncut");
      return Optional.empty();
    }
    if (found.isEmpty()) {
      return Optional.of(PatientSurroundings.gone());
    }
    return Optional.of(new PatientSurroundings(Optional.of(found.get(0)), List.copyOf(consents), List.copyOf(related)));
  }

  /**
   * Whether the search the EHR says it performed (its answer's self link, which FHIR has it give
   * with the parameters it used) had this {@code _revinclude}: a server that drops a parameter it
   * does not support, and ignores {@code handling=strict} too, says so only there. An answer
   * without a self link says nothing of it: not relied on either.
   */
  private static boolean performed(Bundle answer, Include include) {
    Bundle.BundleLinkComponent self = answer.getLink(Bundle.LINK_SELF);
    if (self == null || !self.hasUrl()) {
      return false;
    }
    String url = URLDecoder.decode(self.getUrl(), StandardCharsets.UTF_8);
    return url.contains("_revinclude=" + include.getValue());
  }

  private static boolean namesPatient(Reference reference, String patientId) {
    return reference != null && "Patient".equals(reference.getReferenceElement().getResourceType())
        && patientId.equals(reference.getReferenceElement().getIdPart());
  }

  /**
   * The EHR refused the combined search in a way its next answer would repeat: the next messages
   * read separately, without asking first, until {@code careloop.ehr.combined-search-retry-after}
   * has passed (the EHR may have been upgraded, or CareLoop's scope widened, meanwhile).
   */
  private void refused(String why) {
    if (combinedSearchRetryAfter.isZero()) {
      return;
    }
    Instant until = clock.instant().plus(combinedSearchRetryAfter);
    combinedSearchRefusedUntil.set(until);
    log.info("The EHR's combined search for a Patient with its Consents and RelatedPersons is not tried again"
        + " before {} ({}): each message reads them separately until then", until, why);
  }

  /** Once per process: an EHR that cannot do the combined search would otherwise log at every message. */
  private void warnOnce(String patientId, String why) {
    if (warnedCombinedSearch.compareAndSet(false, true)) {
      log.warn("The EHR's combined search for Patient/{} with its Consents and RelatedPersons could not be used ({});"
          + " reading them separately (logged once)", patientId, why);
    }
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
