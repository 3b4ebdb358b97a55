package health.careloop.database;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.time.Duration;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A request that finds CareLoop's database away (restarted, failing over, unreachable) is answered
 * 503 Service Unavailable with an OperationOutcome and {@code Retry-After}, not 500: the same request
 * succeeds once the database is back, and a 500 would say CareLoop itself is broken. On the hook,
 * nothing was stored and the EHR's retry of the notification will succeed (the catch-up finds by
 * search what an EHR gave up on); on the façade, the integrator's client knows to try again.
 */
@Interceptor
public final class DatabaseAwayInterceptor {

  public static final Duration RETRY_AFTER = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(DatabaseAwayInterceptor.class);

  private final String refused;
  private final String diagnostics;

  private DatabaseAwayInterceptor(String refused, String diagnostics) {
    this.refused = refused;
    this.diagnostics = diagnostics;
  }

  /** For the EHR's notifications: nothing was stored, the EHR should send it again. */
  public static DatabaseAwayInterceptor forNotifications() {
    return new DatabaseAwayInterceptor("Notification",
        "CL-1150: CareLoop's database is unavailable; nothing was stored. Send the notification again later.");
  }

  /** For the integrators' façade: the request may be repeated as it is. */
  public static DatabaseAwayInterceptor forFacade() {
    return new DatabaseAwayInterceptor("Request",
        "CL-1151: CareLoop's database is unavailable; nothing was read or changed. Try the request again later.");
  }

  @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
  public BaseServerResponseException databaseAway(Throwable failure) {
    if (!DatabaseAway.causedBy(failure)) {
      // Not ours: HAPI answers as it would have.
      return null;
    }
    log.warn("{} refused with 503: the database is unavailable ({})", refused, failure.getClass().getSimpleName());
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.TRANSIENT).setDiagnostics(diagnostics);
    var unavailable = new UnclassifiedServerFailureException(503, diagnostics, outcome);
    unavailable.addResponseHeader("Retry-After", Long.toString(RETRY_AFTER.toSeconds()));
    return unavailable;
  }
}
