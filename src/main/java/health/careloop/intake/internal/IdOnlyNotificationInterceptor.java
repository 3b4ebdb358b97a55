package health.careloop.intake.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import health.careloop.config.FhirJsonResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Takes a {@code PUT} or {@code POST} of {@code /hook/Appointment/{id}} or {@code /hook/Encounter/{id}}
 * without a body ({@link IdOnlyNotifications}) before HAPI, whose update needs a body, refuses it;
 * and a {@code POST} of {@code /hook} itself without a body, which is how a HAPI rest-hook
 * Subscription with an empty {@code channel.payload} notifies (it names no resource).
 * Runs after the secret and the request checks.
 */
@Interceptor
class IdOnlyNotificationInterceptor {

  static final int AFTER_REQUEST_CHECKS = HookRequestChecks.AFTER_AUTHENTICATION + 100;
  private static final Set<String> TYPES = Set.of("Appointment", "Encounter");
  private static final Set<String> METHODS = Set.of("PUT", "POST");

  private final IdOnlyNotifications notifications;
  private final FhirContext fhirContext;

  IdOnlyNotificationInterceptor(IdOnlyNotifications notifications, FhirContext fhirContext) {
    this.notifications = notifications;
    this.fhirContext = fhirContext;
  }

  /** @return false when it answered the request itself */
  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED, order = AFTER_REQUEST_CHECKS)
  public boolean idOnly(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!METHODS.contains(request.getMethod()) || HookRequests.hasBody(request)) {
      return true;
    }
    String type = HookRequests.resourceType(request);
    OperationOutcome outcome;
    if (type != null && TYPES.contains(type)) {
      outcome = notifications.receive(type, HookRequests.resourceId(request));
    } else if (HookRequests.isBase(request)) {
      outcome = notifications.somethingChanged();
    } else {
      return true;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    FhirJsonResponses.write(response, fhirContext, outcome);
    return false;
  }
}
