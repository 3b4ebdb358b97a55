package health.careloop.intake;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import health.careloop.ehr.SubscriptionProperties;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Only the EHR may write to CareLoop's façade: every write carries the secret CareLoop put in its
 * Subscriptions' {@code channel.header}. Checked before the body is parsed (so an unauthenticated
 * caller learns nothing about what CareLoop accepts) and compared in constant time.
 */
@Component
@Interceptor
public class HookAuthenticationInterceptor {

  private static final Logger log = LoggerFactory.getLogger(HookAuthenticationInterceptor.class);
  private static final Set<RestOperationTypeEnum> WRITES = Set.of(
      RestOperationTypeEnum.UPDATE, RestOperationTypeEnum.CREATE, RestOperationTypeEnum.TRANSACTION,
      RestOperationTypeEnum.BATCH, RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE);
  private static final String BEARER = "Bearer ";

  private final byte[] expected;

  HookAuthenticationInterceptor(SubscriptionProperties properties) {
    this.expected = properties.secret().getBytes(StandardCharsets.UTF_8);
  }

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean authenticate(RequestDetails request) {
    if (!WRITES.contains(request.getRestOperationType())) {
      return true;
    }
    String authorization = request.getHeader("Authorization");
    if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      log.warn("Refused {} {}: no subscription secret", request.getRequestType(), request.getRequestPath());
      throw new AuthenticationException(
          "CL-1101: notifications must carry the subscription secret as 'Authorization: Bearer <secret>'");
    }
    byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
    if (!MessageDigest.isEqual(expected, given)) {
      log.warn("Refused {} {}: wrong subscription secret", request.getRequestType(), request.getRequestPath());
      throw new AuthenticationException("CL-1102: the subscription secret is not the one CareLoop issued");
    }
    return true;
  }
}
