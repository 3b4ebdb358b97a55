package health.careloop.config;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answer to a failure CareLoop did not expect (a bug, a library's exception): a 500 whose
 * OperationOutcome says only that, with an incident id to find it in the log. HAPI's own answer
 * carries the exception's class and message ("Failed to call access method:
 * org.springframework.dao.…"), which tell a caller about CareLoop's insides and may quote what
 * was sent. CareLoop's deliberate answers pass as they are: every 4xx, and a 5xx whose message
 * starts with one of CareLoop's codes (the EHR unreachable, the database away, ...). Registered after
 * the interceptors that turn a failure into such an answer: HAPI uses the first one given.
 */
@Interceptor
public final class UnexpectedFailureInterceptor {

  private static final Logger log = LoggerFactory.getLogger(UnexpectedFailureInterceptor.class);
  private static final int FRAMES_LOGGED = 12;

  private final String code;

  private UnexpectedFailureInterceptor(String code) {
    this.code = code;
  }

  /** For the EHR's notifications at {@code /hook}. */
  public static UnexpectedFailureInterceptor forNotifications() {
    return new UnexpectedFailureInterceptor("CL-1199");
  }

  /** For the integrators' façade at {@code /fhir}. */
  public static UnexpectedFailureInterceptor forFacade() {
    return new UnexpectedFailureInterceptor("CL-2099");
  }

  @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
  public BaseServerResponseException withoutDetail(Throwable failure) {
    if (failure instanceof BaseServerResponseException answer
        && (answer.getStatusCode() < 500 || String.valueOf(answer.getMessage()).startsWith("CL-"))) {
      return null;
    }
    String incident = UUID.randomUUID().toString();
    // Classes and where, never a message: an exception's message may quote what was sent (a name,
    // a value). HAPI logs the answer, which is this one from here on.
    log.error("Unexpected failure answered 500 as incident {}: {} at {}", incident, classes(failure), where(failure));
    String diagnostics = code + ": CareLoop could not answer this request because of an error of its own"
        + " (incident " + incident + "). Nothing about the request was wrong that CareLoop could tell.";
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue().setSeverity(IssueSeverity.ERROR).setCode(IssueType.EXCEPTION).setDiagnostics(diagnostics);
    return new InternalErrorException(diagnostics, outcome);
  }

  /** The innermost cause's first stack frames: where it went wrong, without what it said. */
  static List<String> where(Throwable failure) {
    Throwable innermost = failure;
    for (int depth = 0; innermost.getCause() != null && innermost.getCause() != innermost && depth < 10; depth++) {
      innermost = innermost.getCause();
    }
    StackTraceElement[] frames = innermost.getStackTrace();
    List<String> where = new ArrayList<>();
    for (int i = 0; i < Math.min(FRAMES_LOGGED, frames.length); i++) {
      where.add(frames[i].toString());
    }
    return where;
  }

  /** The failure's class and its causes', outermost first. */
  static List<String> classes(Throwable failure) {
    List<String> classes = new ArrayList<>();
    for (Throwable t = failure; t != null && classes.size() < 10; t = t.getCause() == t ? null : t.getCause()) {
      classes.add(t.getClass().getName());
    }
    return classes;
  }
}
