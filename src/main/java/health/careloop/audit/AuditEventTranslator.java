package health.careloop.audit;

import health.careloop.CareLoopFhir;
import java.util.Date;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventAgentComponent;
import org.hl7.fhir.r4.model.AuditEvent.AuditEventEntityComponent;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.stereotype.Component;

/**
 * {@link AuditRecord} → R4 {@code AuditEvent}, shaped after IHE's Basic Audit Log Patterns (BALP):
 * type {@code rest}, subtype the FHIR interaction (and an operation's name), action, recorded,
 * outcome, one requesting agent (the client by its client id, or CareLoop itself), CareLoop as the
 * source's observer, and the resources concerned as entities, the patient with role Patient.
 * Nothing else: the entry holds ids only, and so does the event.
 */
@Component
public class AuditEventTranslator {

  static final String EVENT_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-event-type";
  static final String INTERACTION_SYSTEM = "http://hl7.org/fhir/restful-interaction";
  static final String OPERATION_SYSTEM = CareLoopFhir.BASE + "/CodeSystem/operation";
  static final String ENTITY_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/audit-entity-type";
  static final String OBJECT_ROLE_SYSTEM = "http://terminology.hl7.org/CodeSystem/object-role";
  static final String SOURCE_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/security-source-type";
  /**
   * In the EHR's copy, CareLoop's own resources (its plans, served by the façade as
   * CommunicationRequests) are named by this identifier and their façade id: a relative reference
   * there would name the EHR's resource of that id, which is another one or none.
   */
  public static final String COMMUNICATION_REQUEST_IDENTIFIER_SYSTEM = CareLoopFhir.BASE + "/sid/communication-request";
  /** The resources only CareLoop holds: its façade serves them, the EHR has none of theirs. */
  private static final Set<String> CARELOOP_ONLY = Set.of("CommunicationRequest");
  private static final String CONDITIONAL = "?identifier=";

  /** The entry as the façade serves it: references relative to the façade. */
  public AuditEvent toAuditEvent(AuditRecord entry) {
    return toAuditEvent(entry, false);
  }

  /**
   * The entry as CareLoop copies it to the EHR ({@code careloop.audit.copy-to-ehr}): the same, but
   * CareLoop's own resources named by identifier, so that every relative reference names the EHR's
   * resource (a Communication CareLoop wrote there, a Patient).
   */
  public AuditEvent toEhrAuditEvent(AuditRecord entry) {
    return toAuditEvent(entry, true);
  }

  private AuditEvent toAuditEvent(AuditRecord entry, boolean forEhr) {
    AuditEvent event = new AuditEvent();
    event.setId(entry.id());
    event.setType(new Coding(EVENT_TYPE_SYSTEM, "rest", "Restful Operation"));
    event.addSubtype(new Coding(INTERACTION_SYSTEM, entry.interaction().code(), null));
    if (entry.operation() != null) {
      event.addSubtype(new Coding(OPERATION_SYSTEM, entry.operation(), null));
    }
    event.setAction(AuditEvent.AuditEventAction.fromCode(entry.interaction().action()));
    event.setRecorded(Date.from(entry.recorded()));
    event.setOutcome(AuditEvent.AuditEventOutcome.fromCode(entry.outcome().code()));
    event.addAgent(agent(entry));
    event.getSource().setObserver(careLoop())
        .addType(new Coding(SOURCE_TYPE_SYSTEM, "4", "Application Server"));
    if (entry.interaction() == AuditInteraction.SEARCH && entry.resourceType() != null) {
      // BALP's query entity, saying which type was searched; never the query itself (its values may be data).
      event.addEntity().setWhat(new Reference().setType(entry.resourceType()))
          .setType(new Coding(ENTITY_TYPE_SYSTEM, "2", "System Object"))
          .setRole(new Coding(OBJECT_ROLE_SYSTEM, "24", "Query"));
    }
    entry.entities().forEach(entity -> event.addEntity(entity(entity, forEhr)));
    return event;
  }

  private static AuditEventAgentComponent agent(AuditRecord entry) {
    AuditEventAgentComponent agent = new AuditEventAgentComponent().setRequestor(true);
    if (entry.byCareLoop()) {
      agent.setWho(careLoop());
    } else if (entry.clientId() != null) {
      agent.setWho(new Reference().setIdentifier(new Identifier()
          .setSystem(CareLoopFhir.CLIENT_IDENTIFIER_SYSTEM).setValue(entry.clientId())));
    } else {
      agent.setWho(new Reference().setDisplay("a caller without a valid token"));
    }
    return agent;
  }

  private static Reference careLoop() {
    return new Reference()
        .setIdentifier(new Identifier().setSystem(CareLoopFhir.DEVICE_IDENTIFIER_SYSTEM).setValue("careloop"))
        .setDisplay("CareLoop");
  }

  private static AuditEventEntityComponent entity(AuditedEntity entity, boolean forEhr) {
    AuditEventEntityComponent component = new AuditEventEntityComponent();
    component.setWhat(forEhr ? inEhr(what(entity.reference())) : what(entity.reference()));
    if (entity.patient()) {
      component.setType(new Coding(ENTITY_TYPE_SYSTEM, "1", "Person"));
      component.setRole(new Coding(OBJECT_ROLE_SYSTEM, "1", "Patient"));
    } else {
      component.setType(new Coding(ENTITY_TYPE_SYSTEM, "2", "System Object"));
      component.setRole(new Coding(OBJECT_ROLE_SYSTEM, "4", "Domain Resource"));
    }
    return component;
  }

  /** A reference to one of CareLoop's own resources, by its identifier; any other as it is. */
  private static Reference inEhr(Reference reference) {
    if (!reference.hasReference()) {
      return reference;
    }
    IdType id = new IdType(reference.getReference());
    if (id.getResourceType() == null || !CARELOOP_ONLY.contains(id.getResourceType())) {
      return reference;
    }
    return new Reference().setType(id.getResourceType()).setIdentifier(
        new Identifier().setSystem(COMMUNICATION_REQUEST_IDENTIFIER_SYSTEM).setValue(id.getIdPart()));
  }

  /** {@code Type/id}, or {@code Type?identifier=system|value} for a resource known by its identifier only. */
  private static Reference what(String reference) {
    int conditional = reference.indexOf(CONDITIONAL);
    if (conditional < 0) {
      return new Reference(reference);
    }
    String token = reference.substring(conditional + CONDITIONAL.length());
    int bar = token.indexOf('|');
    return new Reference().setType(reference.substring(0, conditional)).setIdentifier(
        new Identifier().setSystem(bar < 0 ? null : token.substring(0, bar)).setValue(token.substring(bar + 1)));
  }
}
