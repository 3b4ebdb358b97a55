package health.careloop.ehr;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.client.api.ClientResponseContext;
import ca.uhn.fhir.rest.client.api.IHttpResponse;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import java.util.List;

/**
 * Keeps an EHR's {@code Retry-After} with the error it answered. HAPI's client turns an error answer
 * into an exception with its status and OperationOutcome but without its headers; CareLoop's retries
 * need that one ({@code health.careloop.writeback.EhrFailures}). So an error answer that carries it
 * becomes the exception for its status here, with the header and no body (the retry needs neither
 * the OperationOutcome's text nor its diagnostics, which may quote patient data).
 */
@Interceptor
final class RetryAfterInterceptor {

  static final String RETRY_AFTER = "Retry-After";

  @Hook(Pointcut.CLIENT_RESPONSE)
  public void keepRetryAfter(ClientResponseContext context) {
    // The context's answer, not the hook's own parameter: an earlier hook may have replaced it
    // (a request sent again with a new token, SmartBackendServicesInterceptor).
    IHttpResponse response = context.getHttpResponse();
    if (response.getStatus() < 400) {
      return;
    }
    List<String> retryAfter = response.getHeaders(RETRY_AFTER);
    if (retryAfter == null || retryAfter.isEmpty()) {
      return;
    }
    BaseServerResponseException answer = BaseServerResponseException.newInstance(response.getStatus(),
        "HTTP " + response.getStatus() + " from the EHR, Retry-After " + retryAfter.get(0));
    answer.addResponseHeader(RETRY_AFTER, retryAfter.get(0));
    response.close();
    throw answer;
  }
}
