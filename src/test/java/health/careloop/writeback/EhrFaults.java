package health.careloop.writeback;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * A HAPI server interceptor for the sandbox EHR that answers the Communication creates about one
 * Appointment (recognised by the message key in the conditional create's {@code If-None-Exist})
 * as a troubled EHR would, and counts every create about it that reached the EHR.
 */
@Interceptor
final class EhrFaults {

  enum Fault {
    /** 503 with {@code Retry-After: 1}, for as many creates as asked, then accepted. */
    UNAVAILABLE,
    /** 422 with an OperationOutcome whose diagnostics quote the patient, every time. */
    REFUSE,
    /** Stored, but answered 422 (the answer about a write the EHR did make, lost or wrong). */
    STORE_THEN_REFUSE,
    /** Accepted. */
    NONE
  }

  private record Plan(Fault fault, AtomicInteger remaining) {}

  private final Map<String, Plan> plans = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> creates = new ConcurrentHashMap<>();

  void unavailableFor(String appointmentId, int times) {
    plans.put(appointmentId, new Plan(Fault.UNAVAILABLE, new AtomicInteger(times)));
  }

  void set(String appointmentId, Fault fault) {
    plans.put(appointmentId, new Plan(fault, new AtomicInteger(Integer.MAX_VALUE)));
  }

  /** The Communication creates about the Appointment that reached the EHR, refused or not. */
  int creates(String appointmentId) {
    return creates.computeIfAbsent(appointmentId, k -> new AtomicInteger()).get();
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
  public void beforeCreate(RequestDetails request, RestOperationTypeEnum operation) {
    String appointmentId = about(request, operation);
    if (appointmentId == null) {
      return;
    }
    creates.computeIfAbsent(appointmentId, k -> new AtomicInteger()).incrementAndGet();
    Plan plan = plans.get(appointmentId);
    if (plan == null) {
      return;
    }
    if (plan.fault() == Fault.UNAVAILABLE && plan.remaining().getAndDecrement() > 0) {
      UnclassifiedServerFailureException busy = new UnclassifiedServerFailureException(503, "EHR busy");
      busy.addResponseHeader("Retry-After", "1");
      throw busy;
    }
    if (plan.fault() == Fault.REFUSE) {
      throw refusal();
    }
  }

  @Hook(Pointcut.SERVER_OUTGOING_RESPONSE)
  public boolean afterCreate(RequestDetails request) {
    String appointmentId = about(request, request.getRestOperationType());
    Plan plan = appointmentId == null ? null : plans.get(appointmentId);
    if (plan != null && plan.fault() == Fault.STORE_THEN_REFUSE) {
      throw refusal();
    }
    return true;
  }

  private static UnprocessableEntityException refusal() {
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
        .setCode(OperationOutcome.IssueType.BUSINESSRULE)
        .setDiagnostics("No portal account for Jane Doe, 07700 900123");
    return new UnprocessableEntityException("No portal account for Jane Doe", outcome);
  }

  /** The Appointment a Communication create is about, if it is one this interceptor was told of. */
  private String about(RequestDetails request, RestOperationTypeEnum operation) {
    if (operation != RestOperationTypeEnum.CREATE || !"Communication".equals(request.getResourceName())) {
      return null;
    }
    String condition = request.getHeader("If-None-Exist");
    if (condition == null) {
      return null;
    }
    String decoded = URLDecoder.decode(condition, StandardCharsets.UTF_8);
    return plans.keySet().stream().filter(id -> decoded.contains("Appointment/" + id + ":")).findFirst().orElse(null);
  }
}
