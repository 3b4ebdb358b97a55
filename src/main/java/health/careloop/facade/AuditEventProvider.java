package health.careloop.facade;

import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Count;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Offset;
import ca.uhn.fhir.rest.annotation.OptionalParam;
import ca.uhn.fhir.rest.annotation.Read;
import ca.uhn.fhir.rest.annotation.Search;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.stereotype.Component;

/**
 * {@code GET /fhir/AuditEvent/{id}} and {@code GET /fhir/AuditEvent?patient=&date=&agent=}: CareLoop's
 * audit trail, for auditors with the scope {@code system/AuditEvent.rs} (r to read, s to search);
 * no other scope reaches it (docs/security.md). Reading it is itself recorded.
 */
@Component
class AuditEventProvider implements IResourceProvider {

  private final AuditEventService service;

  AuditEventProvider(AuditEventService service) {
    this.service = service;
  }

  @Override
  public Class<AuditEvent> getResourceType() {
    return AuditEvent.class;
  }

  @Read
  public AuditEvent read(@IdParam IdType id) {
    return service.read(id.getIdPart());
  }

  @Search
  public IBundleProvider search(
      @Description(shortDefinition = "The Patient an entry is about (Patient/{id}, {id} or the EHR's absolute URL)")
      @OptionalParam(name = AuditEvent.SP_PATIENT, targetTypes = Patient.class)
      ReferenceAndListParam patient,
      @Description(shortDefinition = "When it was recorded (prefixes eq, ge, gt, le, lt; UTC unless a zone is given)")
      @OptionalParam(name = AuditEvent.SP_DATE)
      DateAndListParam date,
      @Description(shortDefinition = "CareLoop: the client id of the façade client that asked (agent.who.identifier)")
      @OptionalParam(name = AuditEvent.SP_AGENT)
      TokenAndListParam agent,
      @Offset Integer offset,
      @Count Integer count) {
    return service.search(new AuditEventSearchParams(patient, date, agent), offset, count);
  }
}
