package health.careloop.intake.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Takes a {@code POST} of {@code /hook} itself with a body: how the EHR delivers the notifications
 * of topic-based Subscriptions (Subscriptions Backport IG), a Bundle of type {@code history} led by
 * its SubscriptionStatus ({@link TopicNotifications}). HAPI would take such a POST for a transaction,
 * which the hook does not offer. Taken: 204. What is not such a Bundle is answered 400 with an
 * OperationOutcome.
 * Runs after the secret and the request checks; the body is read through their size and encoding
 * checks ({@link HookBodyFilter}).
 */
@Interceptor
class TopicNotificationInterceptor {

  static final int AFTER_ID_ONLY = IdOnlyNotificationInterceptor.AFTER_REQUEST_CHECKS + 100;

  private final TopicNotifications notifications;
  private final FhirContext fhirContext;

  TopicNotificationInterceptor(TopicNotifications notifications, FhirContext fhirContext) {
    this.notifications = notifications;
    this.fhirContext = fhirContext;
  }

  /** @return false when it answered the request itself */
  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED, order = AFTER_ID_ONLY)
  public boolean topicNotification(HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!"POST".equals(request.getMethod()) || !HookRequests.isBase(request) || !HookRequests.hasBody(request)) {
      return true;
    }
    notifications.receive(SubscriptionStatusNotification.of(bundle(request)));
    // 204 and no body: the EHR's client may read any body as the Bundle a transaction answers (HAPI
    // does, and takes an OperationOutcome there for a failed delivery, and sends it again).
    response.setStatus(HttpServletResponse.SC_NO_CONTENT);
    return false;
  }

  private Bundle bundle(HttpServletRequest request) throws IOException {
    IBaseResource parsed;
    try (Reader body = new InputStreamReader(request.getInputStream(), StandardCharsets.UTF_8)) {
      parsed = fhirContext.newJsonParser().parseResource(body);
    } catch (DataFormatException | IllegalArgumentException unparsable) {
      // The parser's message may quote the body: not repeated.
      throw new InvalidRequestException("CL-1125: the notification is not a FHIR JSON resource");
    }
    if (!(parsed instanceof Bundle bundle)) {
      throw new InvalidRequestException("CL-1120: not a Subscriptions Backport notification: a POST to the hook"
          + " must carry a Bundle of type 'history', not a " + parsed.fhirType());
    }
    return bundle;
  }
}
