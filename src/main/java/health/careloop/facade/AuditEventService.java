package health.careloop.facade;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.careloop.CareLoopFhir;
import health.careloop.audit.AuditEventTranslator;
import health.careloop.audit.AuditQuery;
import health.careloop.ehr.EhrReferences;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.AuditEvent;
import org.springframework.stereotype.Service;

/**
 * The audit trail as AuditEvents: read by id, and search one page at a time, paged by
 * {@code _offset}/{@code _count} like the CommunicationRequest search, ordered by the time recorded.
 * A criterion CareLoop cannot answer truthfully is a 400 (CL-2060 to CL-2063), never ignored.
 */
@Service
class AuditEventService {

  private final AuditQuery query;
  private final AuditEventTranslator translator;
  private final EhrReferences ehr;

  AuditEventService(AuditQuery query, AuditEventTranslator translator, EhrReferences ehr) {
    this.query = query;
    this.translator = translator;
    this.ehr = ehr;
  }

  public AuditEvent read(String id) {
    return query.byId(id).map(translator::toAuditEvent)
        .orElseThrow(() -> new ResourceNotFoundException("CL-2060: CareLoop has no AuditEvent/" + id));
  }

  public IBundleProvider search(AuditEventSearchParams params, Integer offset, Integer count) {
    int from = offset == null ? 0 : offset;
    int size = count == null ? CommunicationRequestService.DEFAULT_PAGE_SIZE
        : Math.min(count, CommunicationRequestService.MAXIMUM_PAGE_SIZE);
    if (from < 0 || size < 0) {
      throw new InvalidRequestException("CL-2009: _offset and _count must not be negative");
    }
    Set<String> patients = patients(params);
    AuditQuery.Page page = patients != null && patients.isEmpty()
        ? new AuditQuery.Page(List.of(), 0)
        : query.search(toSearch(params, patients), from, size);
    SimpleBundleProvider bundle = new SimpleBundleProvider(
        page.entries().stream().map(translator::toAuditEvent).toList());
    bundle.setSize((int) Math.min(page.total(), Integer.MAX_VALUE));
    bundle.setCurrentPageOffset(from);
    bundle.setCurrentPageSize(size);
    return bundle;
  }

  private static AuditQuery.Search toSearch(AuditEventSearchParams params, Set<String> patients) {
    Instant after = null;
    Instant before = null;
    for (DateOrListParam anyOf : SearchValues.and(params.date())) {
      SearchValues.Period bounds = SearchValues.bounds(anyOf, AuditEvent.SP_DATE);
      if (bounds.from() != null && (after == null || bounds.from().isAfter(after))) {
        after = bounds.from();
      }
      if (bounds.before() != null && (before == null || bounds.before().isBefore(before))) {
        before = bounds.before();
      }
    }
    return new AuditQuery.Search(patients, after, before, clientIds(params));
  }

  /** The Patients asked about ({@code Patient/<id>}); null when the search names none, empty when none of the EHR's. */
  private Set<String> patients(AuditEventSearchParams params) {
    List<ReferenceOrListParam> given = SearchValues.and(params.patient());
    if (given.isEmpty()) {
      return null;
    }
    if (given.size() > 1) {
      throw new InvalidRequestException("CL-2061: patient takes one parameter; give alternatives in one, "
          + "separated by commas (patient=Patient/a,Patient/b)");
    }
    return SearchValues.ids(given.get(0), AuditEvent.SP_PATIENT, "Patient", ehr).stream()
        .map(id -> "Patient/" + id).collect(Collectors.toSet());
  }

  private static Set<String> clientIds(AuditEventSearchParams params) {
    List<TokenOrListParam> given = SearchValues.and(params.agent());
    if (given.size() > 1) {
      throw new InvalidRequestException("CL-2062: agent takes one parameter; give alternatives in one, "
          + "separated by commas (agent=client-a,client-b)");
    }
    Set<String> clients = new HashSet<>();
    for (TokenOrListParam anyOf : given) {
      for (TokenParam token : anyOf.getValuesAsQueryTokens()) {
        SearchValues.requireNoModifier(token, AuditEvent.SP_AGENT);
        if (token.getSystem() != null && !token.getSystem().isBlank()
            && !token.getSystem().equals(CareLoopFhir.CLIENT_IDENTIFIER_SYSTEM)) {
          throw new InvalidRequestException("CL-2063: agent is a client id (system "
              + CareLoopFhir.CLIENT_IDENTIFIER_SYSTEM + ", or the id alone), not " + token.getSystem());
        }
        if (token.getValue() == null || token.getValue().isBlank()) {
          throw new InvalidRequestException("CL-2063: agent needs a client id");
        }
        clients.add(token.getValue());
      }
    }
    return clients;
  }
}
