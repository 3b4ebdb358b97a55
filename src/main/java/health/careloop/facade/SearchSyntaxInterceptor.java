package health.careloop.facade;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import java.util.Map;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.springframework.stereotype.Component;

/**
 * Refuses a malformed {@code occurrence} on a CommunicationRequest search with CareLoop's own
 * message (CL-2003, naming the parameter) before HAPI binds the parameters; HAPI's own error
 * ("HAPI-1882: Invalid date/time format") would not say which parameter was wrong.
 */
@Component
@Interceptor
class SearchSyntaxInterceptor {

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean check(RequestDetails request) {
    if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE
        || !"CommunicationRequest".equals(request.getResourceName()) || request.getParameters() == null) {
      return true;
    }
    for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
      if (parameter.getKey().equals(CommunicationRequest.SP_OCCURRENCE)) {
        for (String value : parameter.getValue()) {
          for (String alternative : value.split(",")) {
            if (!alternative.isBlank()) {
              CommunicationRequestSearchTranslator.checkOccurrenceSyntax(alternative);
            }
          }
        }
      }
    }
    return true;
  }
}
