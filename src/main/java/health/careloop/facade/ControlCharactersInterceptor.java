package health.careloop.facade;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.util.UrlUtil;
import java.util.Arrays;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Refuses a call to the façade whose path or parameters hold a control character (U+0000 to U+001F
 * but tab, line feed and carriage return, and U+007F), with a 400 naming where (CL-2011), never the
 * value. No FHIR id, code or reference holds one, and a NUL that reached PostgreSQL failed the
 * query: a 500 whose message named an internal exception, instead of the caller's mistake.
 */
@Component
@Interceptor
class ControlCharactersInterceptor {

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean check(RequestDetails request) {
    // The path as sent (percent-encoded): an id's control character shows once decoded.
    String path = request.getRequestPath();
    if (hasControlCharacter(path) || (path != null && hasControlCharacter(UrlUtil.unescape(path)))) {
      throw new InvalidRequestException("CL-2011: the request's path holds a control character");
    }
    Map<String, String[]> parameters = request.getParameters();
    if (parameters == null) {
      return true;
    }
    for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
      boolean inValue = parameter.getValue() != null
          && Arrays.stream(parameter.getValue()).anyMatch(ControlCharactersInterceptor::hasControlCharacter);
      if (hasControlCharacter(parameter.getKey()) || inValue) {
        throw new InvalidRequestException("CL-2011: the parameter " + printable(parameter.getKey())
            + " holds a control character");
      }
    }
    return true;
  }

  static boolean hasControlCharacter(String text) {
    return text != null && text.chars().anyMatch(ControlCharactersInterceptor::isControl);
  }

  private static boolean isControl(int c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F;
  }

  /** The parameter's name with its control characters shown as {@code ?}, for the message. */
  private static String printable(String name) {
    StringBuilder shown = new StringBuilder(name.length());
    name.chars().forEach(c -> shown.append(isControl(c) || c == '\t' || c == '\n' || c == '\r' ? '?' : (char) c));
    return shown.toString();
  }
}
