package health.careloop.intake.internal;

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
 * A notification that arrives while CareLoop's database is away (restarted, failing over,
 * unreachable) is answered 503 Service Unavailable with an OperationOutcome and {@code Retry-After},
 * not 500: nothing was stored, and the EHR's retry of the same notification will succeed once the
 * database is back (HAPI's rest-hook retries a failed delivery; the catch-up finds by search what an
 * EHR gave up on). A 500 would say CareLoop itself is broken.
 */
@Interceptor
class DatabaseAwayInterceptor {

  static final Duration RETRY_AFTER = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(DatabaseAwayInterceptor.class);

  @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
  public BaseServerResponseException databaseAway(Throwable failure) {
    if (!DatabaseAway.causedBy(failure)) {
      // Not ours: HAPI answers as it would have.
      return null;
    }
    log.warn("Notification refused with 503: the database is unavailable ({})", failure.getClass().getSimpleName());
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.TRANSIENT)
        .setDiagnostics("CL-1150: CareLoop's database is unavailable; nothing was stored. Send the notification"
            + " again later.");
    var unavailable = new UnclassifiedServerFailureException(503,
        "CL-1150: CareLoop's database is unavailable; nothing was stored", outcome);
    unavailable.addResponseHeader("Retry-After", Long.toString(RETRY_AFTER.toSeconds()));
    return unavailable;
  }
}
