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
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records every interaction with the façade in the audit trail before the answer leaves: reads,
 * searches and operations ({@code $preview}, {@code $sync}, {@code $replay}), AuditEvent's own,
 * with the client id of the token and the outcome. A refusal (no token 401, no scope 403, a bad
 * search 400, not found 404) is recorded too, with no entity: nothing about a patient; so is an
 * attempted write (create, update, patch, delete, a transaction), which the façade does not offer,
 * as the interaction attempted, by its caller, refused. An answer whose entry cannot be recorded is
 * not given (a 500): nothing leaves the façade untraced. An operation that changes CareLoop's data
 * ({@code $replay}) records its entry in the change's own transaction ({@link #changeRecorded}).
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
  private static final Pattern OPERATION_NAME = Pattern.compile("\\$[A-Za-z-]{1,62}");
  private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");

  private final AuditTrail audit;
  private final Clock clock;
  private final TransactionTemplate transaction;

  public FacadeAudit(AuditTrail audit, Clock clock, TransactionTemplate transaction) {
    this.audit = audit;
    this.clock = clock;
    this.transaction = transaction;
  }

  /**
   * What a change's operation answers, and the Patients it concerns that the answer does not name
   * (a bulk {@code $replay} answers references to the requests only).
   *
   * @param patients Patient ids
   */
  public record Change<T extends IBaseResource>(T answer, Collection<String> patients) {

    public Change {
      patients = List.copyOf(patients);
    }
  }

  /**
   * Runs an operation that changes CareLoop's data ({@code $replay}) and records its entry in the
   * same transaction: the change and its entry commit together or not at all, so no change is made
   * untraced and no entry tells of a change that was not made. The entry is the one an answer gets
   * (success, by the token's client, the resources answered and their patients) with the change's
   * other patients. A change that fails (throws) rolls back and is recorded as the failure it is.
   */
  public <T extends IBaseResource> T changeRecorded(RequestDetails request, Supplier<Change<T>> change) {
    Attempt attempt = interaction(request).orElseThrow(() ->
        new IllegalStateException("Not an audited interaction: " + request.getRestOperationType()));
    T answer = transaction.execute(status -> {
      Change<T> done = change.get();
      List<AuditedEntity> entities = new ArrayList<>(entities(request, done.answer()));
      done.patients().stream().map(AuditedEntity::patient).filter(p -> !entities.contains(p)).distinct()
          .forEach(entities::add);
      record(request, attempt, AuditOutcome.SUCCESS, entities);
      return done.answer();
    });
    request.getUserData().put(AUDITED, Boolean.TRUE);
    return answer;
  }

  /** After every other check of the answer (the access interceptor's): what is recorded is what leaves. */
  @Hook(value = Pointcut.SERVER_OUTGOING_RESPONSE, order = 1000)
  public boolean answered(RequestDetails request, ResponseDetails response) {
    if (request.getUserData().get(AUDITED) != null) {
      return true; // recorded with its change
    }
    Optional<Attempt> interaction = interaction(request);
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
    Optional<Attempt> interaction = interaction(request);
    if (interaction.isPresent() && request.getUserData().get(AUDITED) == null) {
      try {
        record(request, interaction.get(), AuditOutcome.ofHttpStatus(exception.getStatusCode()), List.of());
      } catch (RuntimeException notRecorded) {
        if (!DatabaseAway.causedBy(notRecorded)) {
          throw notRecorded;
        }
        log.warn("A failed {} of {} answered {} is not in the audit trail: the database is away",
            interaction.get().interaction(), interaction.get().type(), exception.getStatusCode());
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
    attempted(method, path).ifPresent(attempt -> audit.record(new AuditRecord(UUID.randomUUID().toString(),
        clock.instant(), attempt.interaction(), attempt.type(), attempt.operation(), AuditOutcome.ofHttpStatus(status),
        null, List.of(), false)));
  }

  /** What a request attempted: the interaction, the resource type (null for the base) and an operation's name. */
  record Attempt(AuditInteraction interaction, String type, String operation) {}

  /**
   * What a request attempted, read from its HTTP method and path alone, for a request that no
   * interaction of the façade answers (a write: it offers none) or that never reached the FHIR
   * server. Only a resource type's shape and an operation's name are taken from the path; an id or
   * a parameter, which the caller may have filled with anything, never.
   *
   * @param path the path within {@code /fhir}, e.g. {@code /CommunicationRequest/123}
   */
  static Optional<Attempt> attempted(String method, String path) {
    List<String> segments = Arrays.stream(path == null ? new String[0] : path.split("/"))
        .filter(s -> !s.isEmpty()).toList();
    Optional<String> operation = segments.stream().filter(s -> OPERATION_NAME.matcher(s).matches()).findFirst();
    String type = !segments.isEmpty() && RESOURCE_TYPE.matcher(segments.get(0)).matches() ? segments.get(0) : null;
    int size = segments.size();
    AuditInteraction interaction;
    if (operation.isPresent()) {
      interaction = AuditInteraction.OPERATION;
    } else if (size == 0 && "POST".equals(method)) {
      interaction = AuditInteraction.TRANSACTION;
    } else if (type == null) {
      return Optional.empty();
    } else if ("GET".equals(method) && size == 1 || "POST".equals(method) && size == 2 && "_search".equals(segments.get(1))) {
      interaction = AuditInteraction.SEARCH;
    } else if ("GET".equals(method) && size == 2) {
      interaction = AuditInteraction.READ;
    } else if ("POST".equals(method) && size == 1) {
      interaction = AuditInteraction.CREATE;
    } else if ("PUT".equals(method) && size <= 2) {
      interaction = AuditInteraction.UPDATE;
    } else if ("PATCH".equals(method) && size <= 2) {
      interaction = AuditInteraction.PATCH;
    } else if ("DELETE".equals(method) && size <= 2) {
      interaction = AuditInteraction.DELETE;
    } else {
      return Optional.empty();
    }
    return Optional.of(new Attempt(interaction, type, operation.orElse(null)));
  }

  /** A façade caller's entry (never CareLoop's own: the façade acts for its caller). */
  private void record(RequestDetails request, Attempt attempt, AuditOutcome outcome, List<AuditedEntity> entities) {
    String clientId = Callers.current().flatMap(Caller::clientId).orElse(null);
    audit.record(new AuditRecord(UUID.randomUUID().toString(), clock.instant(), attempt.interaction(),
        attempt.type(), attempt.operation(), outcome, clientId, entities, false));
  }

  /**
   * The audited interactions: what the FHIR server made of the request, or, where it could make
   * nothing of it (a write the façade does not offer), what its method and path attempted.
   * Metadata (open, nothing of a patient) is not audited, nor a history.
   */
  private static Optional<Attempt> interaction(RequestDetails request) {
    RestOperationTypeEnum type = request.getRestOperationType();
    if (type == null) {
      return attempted(request.getRequestType() == null ? null : request.getRequestType().name(),
          request.getRequestPath());
    }
    String resource = request.getResourceName();
    return Optional.ofNullable(switch (type) {
      case READ -> new Attempt(AuditInteraction.READ, resource, null);
      case SEARCH_TYPE -> new Attempt(AuditInteraction.SEARCH, resource, null);
      case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE ->
          new Attempt(AuditInteraction.OPERATION, resource, request.getOperation());
      case CREATE -> new Attempt(AuditInteraction.CREATE, resource, null);
      case UPDATE -> new Attempt(AuditInteraction.UPDATE, resource, null);
      case PATCH -> new Attempt(AuditInteraction.PATCH, resource, null);
      case DELETE -> new Attempt(AuditInteraction.DELETE, resource, null);
      case TRANSACTION, BATCH -> new Attempt(AuditInteraction.TRANSACTION, null, null);
      default -> null;
    });
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
    if (answer instanceof Parameters parameters) {
      // An operation's answer naming resources (a bulk $replay's requests): those it names.
      parameters.getParameter().stream().filter(p -> p.getValue() instanceof Reference r && r.hasReference())
          .forEach(p -> resources.add(((Reference) p.getValue()).getReference()));
    } else if (answer instanceof Bundle bundle && !auditTrail) {
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
