package health.careloop.intake;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import health.careloop.ehr.SubscriptionProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Only the EHR may call the hook ({@code /hook}): every request carries the secret CareLoop put in
 * its Subscriptions' {@code channel.header}, compared in constant time. Checked first, before HAPI
 * looks at the path or the body, so a caller without it learns nothing about what the hook
 * accepts (not even its CapabilityStatement).
 */
@Component
@Interceptor
public class HookAuthenticationInterceptor {

  private static final Logger log = LoggerFactory.getLogger(HookAuthenticationInterceptor.class);
  private static final String BEARER = "Bearer ";

  private final byte[] expected;

  HookAuthenticationInterceptor(SubscriptionProperties properties) {
    this.expected = properties.secret().getBytes(StandardCharsets.UTF_8);
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_PROCESSED)
  public boolean authenticate(HttpServletRequest request) {
    String authorization = request.getHeader("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      log.warn("Refused {} {}: no subscription secret", request.getMethod(), request.getRequestURI());
      throw new AuthenticationException(
          "CL-1101: notifications must carry the subscription secret as 'Authorization: Bearer <secret>'");
    }
    byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      log.warn("Refused {} {}: wrong subscription secret", request.getMethod(), request.getRequestURI());
      throw new AuthenticationException("CL-1102: the subscription secret is not the one CareLoop issued");
    }
    return true;
  }
}
