package health.careloop.access;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.ResponseDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.ForbiddenOperationException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;

/**
 * The one place that decides what a token may do on {@code /fhir} (docs/security.md, "Scopes"),
 * after Spring Security has validated it: each interaction needs its scope, and a patient-context
 * token reaches only its own patient's resources. Anything not listed here is refused (403), so an
 * operation added to the façade stays closed until it is given a scope here.
 *
 * <table>
 *   <caption>What each interaction needs</caption>
 *   <tr><th>interaction</th><th>scope</th></tr>
 *   <tr><td>{@code GET metadata}</td><td>none (SMART requires it open)</td></tr>
 *   <tr><td>read {@code OperationDefinition} (HAPI's, of the server's operations)</td><td>any valid token</td></tr>
 *   <tr><td>read {@code CommunicationRequest}, {@code Task}</td><td>{@code system/<type>.r} (or {@code .rs},
 *       {@code .read}, {@code *}); {@code user/} alike; {@code patient/} with a {@code patient} claim</td></tr>
 *   <tr><td>search them</td><td>{@code .s}, as above</td></tr>
 *   <tr><td>read, search {@code AuditEvent} (the audit trail)</td><td>{@code system/AuditEvent.r}, {@code .s}
 *       (or {@code .rs}, {@code .read}) naming AuditEvent: no wildcard, {@code user/} or {@code patient/}
 *       scope reaches it ({@link Caller#reach})</td></tr>
 *   <tr><td>{@code Appointment/$preview}, {@code Encounter/$preview}</td><td>{@value #PREVIEW}</td></tr>
 *   <tr><td>{@code $sync}</td><td>{@value #SYNC}</td></tr>
 *   <tr><td>{@code CommunicationRequest/$replay}</td><td>{@value #REPLAY}</td></tr>
 * </table>
 *
 * <p>A patient-context search is narrowed before it runs: the token's patient is added to the
 * search's {@code patient} parameter (an AND: asking for another patient finds nothing), and every
 * resource answered is checked again on the way out. A read of another patient's resource is a
 * 404, as for one that does not exist: the token learns nothing about other patients.
 */
@Interceptor
public class FacadeAccessInterceptor {

  /** CareLoop's scope for {@code $preview} (SMART v2 defines no scopes for operations). */
  public static final String PREVIEW = "careloop/preview";
  /** CareLoop's scope for {@code $sync}. */
  public static final String SYNC = "careloop/sync";
  /** CareLoop's scope for {@code $replay}. */
  public static final String REPLAY = "careloop/replay";

  private static final Map<String, String> OPERATION_SCOPES = Map.of("$preview", PREVIEW, "$sync", SYNC,
      "$replay", REPLAY);

  /** The façade's resources that belong to one patient, and the reference that says whose. */
  private static final Map<String, Function<IBaseResource, Reference>> PATIENT_OF = Map.of(
      "CommunicationRequest", resource -> ((CommunicationRequest) resource).getSubject(),
      "Task", resource -> ((Task) resource).getFor());
  private static final String PATIENT_PARAMETER = "patient";
  private static final String PATIENT_ONLY = FacadeAccessInterceptor.class.getName() + ".patient";

  /** Runs before any other check of the request (e.g. its search syntax): without access, nothing else is said. */
  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -1000)
  public boolean authorize(RequestDetails request) {
    RestOperationTypeEnum interaction = request.getRestOperationType();
    if (interaction == RestOperationTypeEnum.METADATA) {
      return true;
    }
    Caller caller = Callers.current().orElseThrow(() ->
        new AuthenticationException("CL-2090: a bearer token is required"));
    if (interaction == null) {
      throw new ForbiddenOperationException("CL-2091: no scope grants this request");
    }
    String type = request.getResourceName();
    switch (interaction) {
      // HAPI's definitions of the server's own operations: part of what metadata describes.
      case READ -> restrictToPatient(request, "OperationDefinition".equals(type) ? Optional.empty()
          : need(caller, type, 'r', "read"));
      case SEARCH_TYPE -> {
        Optional<String> patient = need(caller, type, 's', "search");
        restrictToPatient(request, patient);
        patient.ifPresent(id -> narrowSearch(request, id));
      }
      case EXTENDED_OPERATION_SERVER, EXTENDED_OPERATION_TYPE, EXTENDED_OPERATION_INSTANCE -> {
        String scope = OPERATION_SCOPES.get(request.getOperation());
        if (scope == null || !caller.has(scope)) {
          throw new ForbiddenOperationException("CL-2091: " + request.getOperation() + " needs the scope "
              + (scope == null ? "(none is granted for this operation)" : scope));
        }
      }
      default -> throw new ForbiddenOperationException(
          "CL-2091: no scope grants " + interaction.getCode() + " on this server");
    }
    return true;
  }

  /** A patient-context answer holds that patient's resources only (the search was narrowed; this is the check). */
  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public boolean checkAnswer(RequestDetails request, ResponseDetails response) {
    Object patient = request.getUserData().get(PATIENT_ONLY);
    if (!(patient instanceof String id) || response.getResponseResource() == null) {
      return true;
    }
    IBaseResource answer = response.getResponseResource();
    if (answer instanceof Bundle bundle) {
      for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
        if (entry.hasResource() && !belongsTo(entry.getResource(), id)) {
          throw new ForbiddenOperationException("CL-2092: the answer holds another patient's resource");
        }
      }
    } else if (!belongsTo(answer, id)) {
      throw new ResourceNotFoundException("CL-2093: there is no " + request.getResourceName() + "/"
          + request.getId().getIdPart() + " of this token's patient");
    }
    return true;
  }

  /**
   * Throws 403 unless a scope grants {@code permission} on {@code type}; answers the patient the
   * interaction is restricted to, or empty for every patient's.
   */
  private static Optional<String> need(Caller caller, String type, char permission, String what) {
    return switch (caller.reach(type, permission)) {
      case ALL -> Optional.empty();
      case PATIENT -> {
        if (!PATIENT_OF.containsKey(type)) {
          throw new ForbiddenOperationException("CL-2091: a patient-context token cannot " + what + " " + type);
        }
        yield caller.patient();
      }
      case NONE -> throw new ForbiddenOperationException("CL-2091: to " + what + " " + type
          + " the token needs the scope system/" + type + "." + permission + " (or any v2 scope with "
          + permission + ", e.g. ." + "rs; user/ alike, or patient/ with a patient claim)");
    };
  }

  private static void restrictToPatient(RequestDetails request, Optional<String> patient) {
    patient.ifPresent(id -> request.getUserData().put(PATIENT_ONLY, id));
  }

  private static void narrowSearch(RequestDetails request, String patient) {
    Map<String, String[]> parameters = new HashMap<>(request.getParameters());
    String[] given = parameters.getOrDefault(PATIENT_PARAMETER, new String[0]);
    String[] narrowed = java.util.Arrays.copyOf(given, given.length + 1);
    narrowed[given.length] = "Patient/" + patient;
    parameters.put(PATIENT_PARAMETER, narrowed);
    request.setParameters(parameters);
  }

  private static boolean belongsTo(IBaseResource resource, String patient) {
    Function<IBaseResource, Reference> patientOf = PATIENT_OF.get(resource.fhirType());
    if (patientOf == null) {
      return false;
    }
    IdType reference = new IdType(patientOf.apply(resource).getReference());
    return "Patient".equals(reference.getResourceType()) && patient.equals(reference.getIdPart());
  }
}
