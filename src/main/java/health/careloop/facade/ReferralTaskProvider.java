package health.careloop.facade;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.springframework.stereotype.Component;

/**
 * {@code GET /fhir/Task/{id}} and {@code GET /fhir/Task?...}: the Tasks CareLoop has written into
 * the EHR for referrals left unbooked, as CareLoop's database holds them (read-only). Their status
 * is what CareLoop knows: {@code requested} while open, {@code completed} or {@code cancelled} once
 * CareLoop closed them (or however staff had closed them); the EHR's Task, found there by its
 * identifier, shows what staff are doing meanwhile.
 *
 * <p>Needs the scope {@code system/Task.r} (read) or {@code .s} (search), as
 * {@link CommunicationRequestProvider} does for its type (docs/security.md).
 */
@Component
class ReferralTaskProvider implements IResourceProvider {

  private final ReferralTaskService service;

  ReferralTaskProvider(ReferralTaskService service) {
    this.service = service;
  }

  @Override
  public Class<Task> getResourceType() {
    return Task.class;
  }

  @Read
  public Task read(@IdParam IdType id) {
    return service.read(id.getIdPart());
  }

  @Search
  public IBundleProvider search(
      @Description(shortDefinition = "requested (open), completed (booked), cancelled (referral withdrawn), or how staff closed it")
      @OptionalParam(name = Task.SP_STATUS)
      TokenAndListParam status,
      @Description(shortDefinition = "The Patient referred (Patient/{id}, {id} or the EHR's absolute URL)")
      @OptionalParam(name = Task.SP_PATIENT, targetTypes = Patient.class)
      ReferenceAndListParam patient,
      @Description(shortDefinition = "The referral (ServiceRequest/{id}, {id} or the EHR's absolute URL)")
      @OptionalParam(name = Task.SP_FOCUS, targetTypes = ServiceRequest.class)
      ReferenceAndListParam focus,
      @Description(shortDefinition = "When CareLoop last changed it (prefixes eq, ge, gt, le, lt; UTC unless a zone is given)")
      @OptionalParam(name = Constants.PARAM_LASTUPDATED)
      DateAndListParam lastUpdated,
      @Offset Integer offset,
      @Count Integer count) {
    return service.search(status, patient, focus, lastUpdated, offset, count);
  }
}
