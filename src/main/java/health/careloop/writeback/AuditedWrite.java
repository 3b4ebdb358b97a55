package health.careloop.writeback;

import health.careloop.audit.AuditInteraction;
import health.careloop.audit.AuditOutcome;
import health.careloop.audit.AuditRecord;
import health.careloop.audit.AuditTrail;
import health.careloop.audit.AuditedEntity;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.springframework.stereotype.Component;

/**
 * Records each write of a Communication or Task to the EHR in the audit trail: a write the EHR took
 * as soon as it took it (in the transaction in progress, if any: a dispatch asks the EHR outside any
 * transaction, so the entry stands even if recording the message as sent fails afterwards), one
 * that failed (refused, invalid against its profile, the EHR away) in a transaction of its own, so
 * that no rollback takes it away. The entities are the resource and its patient; nothing of its text.
 */
@Component
class AuditedWrite {

  private final AuditTrail audit;
  private final Clock clock;

  AuditedWrite(AuditTrail audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /**
   * @param resource what is written, carrying CareLoop's identifier first
   * @param patient the Patient it is about ({@code Communication.subject}, {@code Task.for}), or null
   * @param write the write, answering the resource's relative id
   */
  String write(Resource resource, Reference patient, Supplier<String> write) {
    String id;
    try {
      id = write.get();
    } catch (RuntimeException e) {
      audit.recordApart(entry(resource.fhirType(), AuditOutcome.SERIOUS_FAILURE, byIdentifier(resource), patient));
      throw e;
    }
    audit.record(entry(resource.fhirType(), AuditOutcome.SUCCESS, id, patient));
    return id;
  }

  private AuditRecord entry(String type, AuditOutcome outcome, String reference, Reference patient) {
    List<AuditedEntity> entities = new ArrayList<>();
    entities.add(AuditedEntity.resource(reference));
    IdType patientId = patient == null ? null : new IdType(patient.getReference());
    if (patientId != null && "Patient".equals(patientId.getResourceType()) && patientId.hasIdPart()) {
      entities.add(AuditedEntity.patient(patientId.getIdPart()));
    }
    return new AuditRecord(UUID.randomUUID().toString(), clock.instant(), AuditInteraction.CREATE, type, null,
        outcome, null, entities);
  }

  /** A resource the EHR did not take has no id: it is named by CareLoop's identifier (a message key: ids only). */
  private static String byIdentifier(Resource resource) {
    Identifier ours = resource instanceof org.hl7.fhir.r4.model.Communication c ? c.getIdentifierFirstRep()
        : ((org.hl7.fhir.r4.model.Task) resource).getIdentifierFirstRep();
    return resource.fhirType() + "?identifier=" + ours.getSystem() + "|" + ours.getValue();
  }
}
