package health.careloop.ehr;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.client.api.ClientResponseContext;
import ca.uhn.fhir.rest.client.api.IHttpRequest;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request to the EHR carries CareLoop's current access token. An EHR that answers 401 has
 * stopped accepting that token before its expiry (revoked, or the EHR's keys rotated): the token
 * is replaced once and the same request sent once more, and whatever the EHR answers then is the
 * answer (a second 401 is a refusal for the retry machinery, never a loop). Without a token no
 * request is sent at all ({@link EhrTokenUnavailable}).
 */
@Interceptor
final class SmartBackendServicesInterceptor {

  private static final Logger log = LoggerFactory.getLogger(SmartBackendServicesInterceptor.class);
  private static final String AUTHORIZATION = "Authorization";
  private static final String BEARER = "Bearer ";

  private final SmartBackendServicesTokens tokens;

  SmartBackendServicesInterceptor(SmartBackendServicesTokens tokens) {
    this.tokens = tokens;
  }

  @Hook(Pointcut.CLIENT_REQUEST)
  public void authorize(IHttpRequest request) {
    request.removeHeaders(AUTHORIZATION);
    request.addHeader(AUTHORIZATION, BEARER + tokens.current());
  }

  @Hook(value = Pointcut.CLIENT_RESPONSE, order = -100)
  public void retryOnceWithANewToken(ClientResponseContext context) {
    if (context.getHttpResponse().getStatus() != 401) {
      return;
    }
    IHttpRequest request = context.getHttpRequest();
    String refused = sentToken(request);
    String renewed = tokens.renewed(refused);
    log.info("The EHR answered 401 to {} with CareLoop's token; retrying once with a new one",
        request.getHttpVerbName());
    request.removeHeaders(AUTHORIZATION);
    request.addHeader(AUTHORIZATION, BEARER + renewed);
    try {
      IHttpResponse retried = request.execute();
      context.getHttpResponse().close();
      context.setHttpResponse(retried);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sentToken(IHttpRequest request) {
    List<String> values = request.getAllHeaders().getOrDefault(AUTHORIZATION, List.of());
    return values.isEmpty() ? "" : values.get(0).substring(Math.min(BEARER.length(), values.get(0).length()));
  }
}
