package health.careloop.audit;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.careloop.access.Caller;
import health.careloop.access.Callers;
import health.careloop.database.DatabaseAway;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records every interaction with the façade in the audit trail before the answer leaves: reads,
 * searches and operations ({@code $preview}, {@code $sync}, {@code $replay}), AuditEvent's own,
 * with the client id of the token and the outcome. A refusal (no token 401, no scope 403, a bad
 * search 400, not found 404) is recorded too, with no entity: nothing about a patient. An answer
 * whose entry cannot be recorded is not given (a 500): nothing leaves the façade untraced.
 *
 * <p>Entities: the resources answered and their patients; the patients a search named (ids only,
 * never another search value). A search of the audit trail itself lists the patients asked about,
 * not every AuditEvent it answered.
 */
@Component
@Interceptor
public class FacadeAudit {

  private static final Logger log = LoggerFactory.getLogger(FacadeAudit.class);

  private static final String AUDITED = FacadeAudit.class.getName() + ".audited";
  /** The façade's resources that belong to one patient, and the reference that says whose. */
  private static final Map<String, Function<IBaseResource, Reference>> PATIENT_OF = Map.of(
      "CommunicationRequest", resource -> ((CommunicationRequest) resource).getSubject(),
      "Communication", resource -> ((Communication) resource).getSubject(),
      "Task", resource -> ((Task) resource).getFor());
  private static final List<String> PATIENT_PARAMETERS = List.of("patient", "subject");

  private final AuditTrail audit;
  private final Clock clock;

  public FacadeAudit(AuditTrail audit, Clock clock) {
    this.audit = audit;
    this.clock = clock;
  }

  /** After every other check of the answer (the access interceptor's): what is recorded is what leaves. */
  @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 1000)
  public boolean answered(RequestDetails request, ResponseDetails response) {
    Optional<AuditInteraction> interaction = interaction(request);
    if (interaction.isPresent()) {
      record(request, interaction.get(), AuditOutcome.ofHttpStatus(response.getResponseCode()),
          entities(request, response.getResponseResource()));
      request.getUserData().put(AUDITED, Boolean.TRUE);
    }
    return true;
  }

  /**
   * A failed request is recorded too. When that is impossible because the database is away, the
   * answer (a 503 that discloses nothing) still leaves as it is: turning it into a 500 would tell
   * the integrator CareLoop is broken rather than to try again.
   */
  @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
  public boolean failed(RequestDetails request, BaseServerResponseException exception) {
    Optional<AuditInteraction> interaction = interaction(request);
    if (interaction.isPresent() && request.getUserData().get(AUDITED) == null) {
      try {
        record(request, interaction.get(), AuditOutcome.ofHttpStatus(exception.getStatusCode()), List.of());
      } catch (RuntimeException notRecorded) {
        if (!DatabaseAway.causedBy(notRecorded)) {
          throw notRecorded;
        }
        log.warn("A failed {} of {} answered {} is not in the audit trail: the database is away",
            interaction.get(), request.getResourceName(), exception.getStatusCode());
      }
    }
    return true;
  }

  /**
   * A request to {@code /fhir} refused before it reached the FHIR server: no token, or one not
   * valid here (401). Recorded as what it asked for, read from its method and path (its
   * interaction, type and operation; no id, no parameter), with no client id: none was proved.
   *
   * @param path the path within {@code /fhir}, e.g. {@code /CommunicationRequest/123}
   */
  public void refusedToken(String method, String path, int status) {
    List<String> segments = java.util.Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList();
    Optional<String> operation = segments.stream().filter(s -> s.startsWith("$") && s.matches("\\$[A-Za-z-]+"))
        .findFirst();
    String type = !segments.isEmpty() && segments.get(0).matches("[A-Z][A-Za-z]+") ? segments.get(0) : null;
    AuditInteraction interaction;
    if (operation.isPresent()) {
      interaction = AuditInteraction.OPERATION;
    } else if (type != null && "GET".equals(method) && segments.size() == 1
        || type != null && "POST".equals(method) && segments.size() == 2 && segments.get(1).equals("_search")) {
      interaction = AuditInteraction.SEARCH;
    } else if (type != null && "GET".equals(method) && segments.size() == 2) {
      interaction = AuditInteraction.READ;
    } else {
      return;
    }
    audit.record(new AuditRecord(UUID.randomUUID().toString(), clock.instant(), interaction, type,
        operation.orElse(null), AuditOutcome.ofHttpStatus(status), null, List.of()));
  }

  private void record(RequestDetails request, AuditInteraction interaction, AuditOutcome outcome,
      List<AuditedEntity> entities) {
    String clientId = Callers.current().flatMap(Caller::clientId).orElse(null);
    audit.record(new AuditRecord(UUID.randomUUID().toString(), clock.instant(), interaction,
        request.getResourceName(), interaction == AuditInteraction.OPERATION ? request.getOperation() : null,
        outcome, clientId, entities));
  }

  /** The audited interactions; metadata (open, nothing of a patient) and anything else is not. */
  private static Optional<AuditInteraction> interaction(RequestDetails request) {
    if (request.getRestOperationType() == null) {
      return Optional.empty();
    }
    return switch (request.getRestOperationType()) {
      case READ -> Optional.of(AuditInteraction.READ);
      case SEARCH_TYPE -> Optional.of(AuditInteraction.SEARCH);
      case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE ->
          Optional.of(AuditInteraction.OPERATION);
      default -> Optional.empty();
    };
  }

  private static List<AuditedEntity> entities(RequestDetails request, IBaseResource answer) {
    Set<String> resources = new LinkedHashSet<>();
    Set<String> patients = new LinkedHashSet<>();
    if (request.getId() != null && request.getId().hasIdPart() && request.getResourceName() != null) {
      resources.add(request.getResourceName() + "/" + request.getId().getIdPart());
    }
    if (request.getRestOperationType() == ca.uhn.fhir.rest.api.RestOperationTypeEnum.SEARCH_TYPE) {
      patients.addAll(searchedPatients(request));
    }
    boolean auditTrail = Caller.AUDIT_EVENT.equals(request.getResourceName());
    if (answer instanceof Bundle bundle && !auditTrail) {
      bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource)
          .forEach(entry -> answered(entry.getResource(), resources, patients));
    } else if (answer != null && !auditTrail) {
      answered(answer, resources, patients);
    }
    List<AuditedEntity> entities = new ArrayList<>();
    resources.forEach(reference -> entities.add(AuditedEntity.resource(reference)));
    patients.forEach(reference -> entities.add(AuditedEntity.patient(reference)));
    return entities;
  }

  private static void answered(IBaseResource resource, Set<String> resources, Set<String> patients) {
    if (resource.getIdElement().hasIdPart() && !"OperationOutcome".equals(resource.fhirType())) {
      resources.add(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
    }
    Function<IBaseResource, Reference> patientOf = PATIENT_OF.get(resource.fhirType());
    if (patientOf != null) {
      patientId(patientOf.apply(resource).getReference()).ifPresent(patients::add);
    }
  }

  /** The Patients a search named (the values are references: ids, nothing else of the patient). */
  private static List<String> searchedPatients(RequestDetails request) {
    List<String> patients = new ArrayList<>();
    Map<String, String[]> parameters = request.getParameters() == null ? Map.of() : request.getParameters();
    for (String name : PATIENT_PARAMETERS) {
      for (String value : parameters.getOrDefault(name, new String[0])) {
        for (String alternative : value.split(",")) {
          patientId(alternative.trim()).ifPresent(patients::add);
        }
      }
    }
    return patients;
  }

  /** {@code Patient/<id>} of a reference to a Patient (relative, absolute, or a bare id). */
  private static Optional<String> patientId(String reference) {
    if (reference == null || reference.isBlank()) {
      return Optional.empty();
    }
    IdType id = new IdType(reference);
    if (!id.hasIdPart() || (id.getResourceType() != null && !"Patient".equals(id.getResourceType()))) {
      return Optional.empty();
    }
    return Optional.of("Patient/" + id.getIdPart());
  }
}
