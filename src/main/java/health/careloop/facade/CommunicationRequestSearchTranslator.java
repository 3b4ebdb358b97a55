package health.careloop.facade;

import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.careloop.CareLoopFhir;
import health.careloop.ehr.EhrReferences;
import health.careloop.schedule.PlannedMessageSearch;
import health.careloop.schedule.PlannedMessageStatus;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.springframework.stereotype.Component;

/**
 * {@link CommunicationRequestSearchParams} → {@link PlannedMessageSearch}. Whatever CareLoop cannot
 * answer truthfully is refused with a 400 that says why (codes CL-2001 to CL-2009), never ignored:
 * an ignored criterion would return more than the client asked for.
 */
@Component
class CommunicationRequestSearchTranslator {

  static final String REQUEST_STATUS_SYSTEM = CommunicationRequestStatus.ACTIVE.getSystem();

  /**
   * Every R4 request-status code and the planned-message statuses it stands for (the reverse of
   * {@link PlannedMessageTranslator#status}). Codes CareLoop never gives match nothing.
   */
  static final Map<String, Set<PlannedMessageStatus>> STATUS_CODES = statusCodes();

  private final EhrReferences ehr;

  public CommunicationRequestSearchTranslator(EhrReferences ehr) {
    this.ehr = ehr;
  }

  public PlannedMessageSearch toSearch(CommunicationRequestSearchParams params) {
    PlannedMessageSearch search = PlannedMessageSearch.all();
    for (ReferenceOrListParam anyOf : SearchValues.and(params.patient())) {
      search = search.withPatientIn(SearchValues.ids(anyOf, "patient", "Patient", ehr));
    }
    for (ReferenceOrListParam anyOf : SearchValues.and(params.subject())) {
      search = search.withPatientIn(SearchValues.ids(anyOf, "subject", "Patient", ehr));
    }
    for (ReferenceOrListParam anyOf : SearchValues.and(params.appointment())) {
      search = search.withAppointmentIn(SearchValues.ids(anyOf, "appointment", "Appointment", ehr));
    }
    for (TokenOrListParam anyOf : SearchValues.and(params.status())) {
      search = search.withStatusIn(statuses(anyOf));
    }
    for (TokenOrListParam anyOf : SearchValues.and(params.identifier())) {
      Set<String> keys = messageKeys(anyOf);
      if (keys != null) {
        search = search.withMessageKeyIn(keys);
      }
    }
    for (DateOrListParam anyOf : SearchValues.and(params.occurrence())) {
      search = withOccurrence(search, anyOf);
    }
    return search;
  }

  // --- tokens ---

  private static Set<PlannedMessageStatus> statuses(TokenOrListParam anyOf) {
    Set<PlannedMessageStatus> statuses = EnumSet.noneOf(PlannedMessageStatus.class);
    for (TokenParam token : anyOf.getValuesAsQueryTokens()) {
      TokenParamModifier modifier = token.getModifier();
      if ((modifier != null && modifier != TokenParamModifier.NOT) || token.isText() || token.getMissing() != null) {
        throw new InvalidRequestException("CL-2007: status takes no modifier but :not");
      }
      if (token.getSystem() != null && !token.getSystem().isBlank() && !token.getSystem().equals(REQUEST_STATUS_SYSTEM)) {
        throw new InvalidRequestException("CL-2002: status codes are from " + REQUEST_STATUS_SYSTEM
            + " (or give the code alone), not " + token.getSystem());
      }
      Set<PlannedMessageStatus> meant = STATUS_CODES.get(token.getValue());
      if (meant == null) {
        throw new InvalidRequestException("CL-2001: unknown CommunicationRequest status '" + token.getValue()
            + "'; the codes are " + String.join(", ", STATUS_CODES.keySet()));
      }
      if (modifier == TokenParamModifier.NOT) {
        Set<PlannedMessageStatus> others = EnumSet.allOf(PlannedMessageStatus.class);
        others.removeAll(meant);
        statuses.addAll(others);
      } else {
        statuses.addAll(meant);
      }
    }
    return statuses;
  }

  /** The keys asked for, or null when one alternative allows any key (system only, no value). */
  private static Set<String> messageKeys(TokenOrListParam anyOf) {
    Set<String> keys = new HashSet<>();
    for (TokenParam token : anyOf.getValuesAsQueryTokens()) {
      SearchValues.requireNoModifier(token, "identifier");
      String system = token.getSystem();
      boolean ours = system == null || system.isBlank() || system.equals(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM);
      if (!ours) {
        continue; // CareLoop's requests carry no identifier of another system: matches nothing.
      }
      if (token.getValue() == null || token.getValue().isBlank()) {
        return null;
      }
      keys.add(token.getValue());
    }
    return keys;
  }

  // --- dates ---

  /** The due time is an instant: see {@link SearchValues#bounds}. */
  private static PlannedMessageSearch withOccurrence(PlannedMessageSearch search, DateOrListParam anyOf) {
    SearchValues.Period bounds = SearchValues.bounds(anyOf, CommunicationRequest.SP_OCCURRENCE);
    PlannedMessageSearch narrowed = bounds.from() == null ? search : search.withDueFrom(bounds.from());
    return bounds.before() == null ? narrowed : narrowed.withDueBefore(bounds.before());
  }

  /** See {@link SearchValues#checkDateSyntax} and {@link SearchSyntaxInterceptor}. */
  static void checkOccurrenceSyntax(String raw) {
    SearchValues.checkDateSyntax(CommunicationRequest.SP_OCCURRENCE, raw);
  }

  // --- helpers ---

  /** Derived from {@link PlannedMessageTranslator#status}, so the two can never disagree. */
  private static Map<String, Set<PlannedMessageStatus>> statusCodes() {
    Map<String, Set<PlannedMessageStatus>> codes = new LinkedHashMap<>();
    for (CommunicationRequestStatus code : CommunicationRequestStatus.values()) {
      if (code != CommunicationRequestStatus.NULL) {
        codes.put(code.toCode(), EnumSet.noneOf(PlannedMessageStatus.class));
      }
    }
    for (PlannedMessageStatus status : PlannedMessageStatus.values()) {
      codes.get(PlannedMessageTranslator.status(status).toCode()).add(status);
    }
    codes.replaceAll((code, statuses) -> Collections.unmodifiableSet(statuses));
    return Collections.unmodifiableMap(codes);
  }
}
