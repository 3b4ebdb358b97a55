package health.careloop.intake.internal;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.PayloadTooLargeException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the hook checks from a request's line and headers, after the secret and before HAPI reads
 * anything: a Content-Length over the limit (413), a body that is not FHIR JSON (415), an id that
 * is not a FHIR id (400). The body's bytes are checked as HAPI reads them ({@link CheckedBodyStream}).
 */
@Interceptor
class HookRequestChecks {

  /** After {@link health.careloop.intake.HookAuthenticationInterceptor} (order 0): an unauthenticated caller learns nothing. */
  static final int AFTER_AUTHENTICATION = 100;

  private static final Set<String> FHIR_JSON = Set.of("application/fhir+json", "application/json");
  /** FHIR's id datatype. */
  static final Pattern FHIR_ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

  private final long limit;

  HookRequestChecks(long limit) {
    this.limit = limit;
  }

  @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED, order = AFTER_AUTHENTICATION)
  public boolean check(HttpServletRequest request) {
    if (request.getContentLengthLong() > limit) {
      throw new PayloadTooLargeException("CL-1110: the notification is larger than " + limit
          + " bytes (careloop.hook.max-body-size)");
    }
    if (HookRequests.hasBody(request) && !FHIR_JSON.contains(mediaType(request.getContentType()))) {
      throw new UnclassifiedServerFailureException(415, "CL-1112: notifications are FHIR JSON "
          + "(application/fhir+json or application/json), not " + request.getContentType());
    }
    String id = HookRequests.resourceId(request);
    if (id != null && !FHIR_ID.matcher(id).matches()) {
      throw new InvalidRequestException("CL-1113: the notification URL's id is not a FHIR id "
          + "(1 to 64 of A-Z, a-z, 0-9, '-' and '.')");
    }
    return true;
  }

  private static String mediaType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int parameters = contentType.indexOf(';');
    return (parameters < 0 ? contentType : contentType.substring(0, parameters)).trim().toLowerCase(Locale.ROOT);
  }
}
