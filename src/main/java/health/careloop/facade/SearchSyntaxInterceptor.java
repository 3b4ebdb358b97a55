package health.careloop.facade;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.springframework.stereotype.Component;

/**
 * Checks a search of the façade's own resources (CommunicationRequest, Task, AuditEvent) before HAPI binds its
 * parameters, for what HAPI would get wrong silently or explain badly:
 * <ul>
 *   <li>a malformed date ({@code occurrence}, {@code _lastUpdated} on Task) (CL-2003, naming the
 *       parameter; HAPI's own error says only "Invalid date/time format");</li>
 *   <li>a {@code _} parameter CareLoop does not honour, such as {@code _lastUpdated} on
 *       CommunicationRequest or {@code _sort=-occurrence} (CL-2008): a plain HAPI server ignores
 *       unknown {@code _} parameters, and would answer more, or in another order, than was asked for.</li>
 * </ul>
 * An unknown parameter without {@code _} HAPI refuses itself, with a 400.
 */
@Component
@Interceptor
class SearchSyntaxInterceptor {

  /** Result parameters HAPI or the providers carry out. */
  private static final Set<String> HONOURED = Set.of(
      "_count", "_offset", "_format", "_pretty", "_summary", "_elements", "_total", "_sort");

  /**
   * What one resource's search takes.
   *
   * @param date its date parameter, whose syntax is checked here
   * @param onlySort the one order its results come in, as {@code _sort} says it
   * @param orderDescribed that order, in words
   * @param parameters its search parameters, for the message
   */
  private record Rules(String date, String onlySort, String orderDescribed, String parameters) {}

  private static final Map<String, Rules> RESOURCES = Map.of(
      "CommunicationRequest", new Rules(CommunicationRequest.SP_OCCURRENCE, CommunicationRequest.SP_OCCURRENCE,
          "ordered by occurrence (due time), earliest first",
          "patient, subject, appointment, status, identifier and occurrence"),
      "Task", new Rules(Constants.PARAM_LASTUPDATED, "-" + Constants.PARAM_LASTUPDATED,
          "ordered by _lastUpdated, latest first", "status, patient, focus and _lastUpdated"),
      "AuditEvent", new Rules(AuditEvent.SP_DATE, AuditEvent.SP_DATE, "ordered by date (recorded), earliest first",
          "patient, date and agent"));

  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean check(RequestDetails request) {
    if (request.getRestOperationType() != RestOperationTypeEnum.SEARCH_TYPE || request.getResourceName() == null
        || !RESOURCES.containsKey(request.getResourceName()) || request.getParameters() == null) {
      return true;
    }
    Rules rules = RESOURCES.get(request.getResourceName());
    for (Map.Entry<String, String[]> parameter : request.getParameters().entrySet()) {
      String name = parameter.getKey();
      if (name.equals(rules.date())) {
        for (String value : parameter.getValue()) {
          for (String alternative : value.split(",")) {
            if (!alternative.isBlank()) {
              SearchValues.checkDateSyntax(name, alternative);
            }
          }
        }
      } else if (name.startsWith("_") && !HONOURED.contains(name) && !name.equals("_id")
          && !name.startsWith("_include") && !name.startsWith("_revinclude")) {
        // (_id, _include and _revinclude are not supported either: HAPI itself refuses them with a 400.)
        throw new InvalidRequestException("CL-2008: " + name + " is not supported on " + request.getResourceName()
            + "; the search parameters are " + rules.parameters());
      } else if (name.equals("_sort")) {
        for (String value : parameter.getValue()) {
          if (!value.isBlank() && !value.trim().equals(rules.onlySort())) {
            throw new InvalidRequestException("CL-2008: results come " + rules.orderDescribed() + "; _sort="
                + rules.onlySort() + " is the only order supported, not _sort=" + value);
          }
        }
      }
    }
    return true;
  }
}
