package health.careloop.facade;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.springframework.stereotype.Component;

/**
 * Checks a CommunicationRequest search before HAPI binds its parameters, for what HAPI would get
 * wrong silently or explain badly:
 * <ul>
 *   <li>a malformed {@code occurrence} (CL-2003, naming the parameter; HAPI's own error says only
 *       "Invalid date/time format");</li>
 *   <li>a {@code _} parameter CareLoop does not honour, such as {@code _lastUpdated} or
 *       {@code _sort=-occurrence} (CL-2008): a plain HAPI server ignores unknown {@code _}
 *       parameters, and would answer more, or in another order, than was asked for.</li>
 * </ul>
 */
@Component
@Interceptor
class SearchSyntaxInterceptor {

  /** Result parameters HAPI or {@link CommunicationRequestProvider} carry out. */
  private static final Set<String> HONOURED = Set.of(
      "_count", "_offset", "_format", "_pretty", "_summary", "_elements", "_total", "_sort");

  /** Results always come in due-time order (then id). */
  private static final String ONLY_SORT = CommunicationRequest.SP_OCCURRENCE;

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean check(RequestDetails request) {
    if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE
        || !"CommunicationRequest".equals(request.getResourceName()) || request.getParameters() == null) {
      return true;
    }
    for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
      String name = parameter.getKey();
      if (name.equals(CommunicationRequest.SP_OCCURRENCE)) {
        for (String value : parameter.getValue()) {
          for (String alternative : value.split(",")) {
            if (!alternative.isBlank()) {
              CommunicationRequestSearchTranslator.checkOccurrenceSyntax(alternative);
            }
          }
        }
      } else if (name.startsWith("_") && !HONOURED.contains(name) && !name.equals("_id")
          && !name.startsWith("_include") && !name.startsWith("_revinclude")) {
        // (_id, _include and _revinclude are not supported either: HAPI itself refuses them with a 400.)
        throw new InvalidRequestException("CL-2008: " + name + " is not supported on CommunicationRequest; "
            + "the search parameters are patient, subject, appointment, status, identifier and occurrence");
      } else if (name.equals("_sort")) {
        for (String value : parameter.getValue()) {
          if (!value.isBlank() && !value.trim().equals(ONLY_SORT)) {
            throw new InvalidRequestException("CL-2008: results come ordered by occurrence (due time), "
                + "earliest first; _sort=" + ONLY_SORT + " is the only order supported, not _sort=" + value);
          }
        }
      }
    }
    return true;
  }
}
