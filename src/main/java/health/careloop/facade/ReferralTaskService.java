package health.careloop.facade;

import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import health.careloop.ehr.EhrReferences;
import health.careloop.summaries.referrals.ReferralTaskQuery;
import health.careloop.summaries.referrals.ReferralTaskSearch;
import health.careloop.summaries.referrals.ReferralTaskTranslator;
import health.careloop.summaries.referrals.ReferralTaskTranslator.NewTask;
import health.careloop.summaries.referrals.ReferralTaskView;
import java.util.Arrays;
import java.util.Date;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.springframework.stereotype.Service;

/**
 * CareLoop's referral Tasks as FHIR Tasks: read by id, and search one page at a time, by offset
 * (as {@link CommunicationRequestService}), last changed first. References point into the EHR as
 * absolute URLs: the referral, the patient and the owner live there, not in the façade.
 */
@Service
class ReferralTaskService {

  static final String TASK_STATUS_SYSTEM = TaskStatus.REQUESTED.getSystem();
  /** Every R4 Task status code; those CareLoop never records match nothing. */
  static final Set<String> STATUS_CODES = Arrays.stream(TaskStatus.values())
      .filter(s -> s != TaskStatus.NULL).map(TaskStatus::toCode).collect(Collectors.toUnmodifiableSet());

  private final ReferralTaskQuery query;
  private final EhrReferences ehr;

  ReferralTaskService(ReferralTaskQuery query, EhrReferences ehr) {
    this.query = query;
    this.ehr = ehr;
  }

  public Task read(String id) {
    return query.byId(id).map(this::toTask).orElseThrow(() -> new ResourceNotFoundException(
        "CL-2041: CareLoop has no referral Task/" + id));
  }

  public IBundleProvider search(TokenAndListParam status, ReferenceAndListParam patient, ReferenceAndListParam focus,
      DateAndListParam lastUpdated, Integer offset, Integer count) {
    int from = offset == null ? 0 : offset;
    int size = count == null ? CommunicationRequestService.DEFAULT_PAGE_SIZE
        : Math.min(count, CommunicationRequestService.MAXIMUM_PAGE_SIZE);
    if (from < 0 || size < 0) {
      throw new InvalidRequestException("CL-2009: _offset and _count must not be negative");
    }
    ReferralTaskQuery.Page page = query.search(toSearch(status, patient, focus, lastUpdated), from, size);
    SimpleBundleProvider bundle = new SimpleBundleProvider(page.tasks().stream().map(this::toTask).toList());
    bundle.setSize((int) Math.min(page.total(), Integer.MAX_VALUE));
    bundle.setCurrentPageOffset(from);
    bundle.setCurrentPageSize(size);
    return bundle;
  }

  ReferralTaskSearch toSearch(TokenAndListParam status, ReferenceAndListParam patient, ReferenceAndListParam focus,
      DateAndListParam lastUpdated) {
    ReferralTaskSearch search = ReferralTaskSearch.all();
    for (TokenOrListParam anyOf : SearchValues.and(status)) {
      search = search.withStatusIn(statuses(anyOf));
    }
    for (ReferenceOrListParam anyOf : SearchValues.and(patient)) {
      search = search.withPatientIn(SearchValues.ids(anyOf, Task.SP_PATIENT, "Patient", ehr));
    }
    for (ReferenceOrListParam anyOf : SearchValues.and(focus)) {
      search = search.withReferralIn(SearchValues.ids(anyOf, Task.SP_FOCUS, "ServiceRequest", ehr));
    }
    for (DateOrListParam anyOf : SearchValues.and(lastUpdated)) {
      SearchValues.Period bounds = SearchValues.bounds(anyOf, Constants.PARAM_LASTUPDATED);
      search = bounds.from() == null ? search : search.withUpdatedFrom(bounds.from());
      search = bounds.before() == null ? search : search.withUpdatedBefore(bounds.before());
    }
    return search;
  }

  private static Set<String> statuses(TokenOrListParam anyOf) {
    Set<String> codes = new HashSet<>();
    for (TokenParam token : anyOf.getValuesAsQueryTokens()) {
      SearchValues.requireNoModifier(token, Task.SP_STATUS);
      if (token.getSystem() != null && !token.getSystem().isBlank() && !token.getSystem().equals(TASK_STATUS_SYSTEM)) {
        throw new InvalidRequestException("CL-2002: status codes are from " + TASK_STATUS_SYSTEM
            + " (or give the code alone), not " + token.getSystem());
      }
      if (!STATUS_CODES.contains(token.getValue())) {
        throw new InvalidRequestException("CL-2040: unknown Task status '" + token.getValue() + "'; the codes are "
            + String.join(", ", STATUS_CODES.stream().sorted().toList()));
      }
      codes.add(token.getValue());
    }
    return codes;
  }

  /** The Task as CareLoop wrote it, with the status CareLoop knows and references into the EHR. */
  Task toTask(ReferralTaskView view) {
    Task task = ReferralTaskTranslator.toTask(new NewTask(view.referralId(), view.patientId(), view.priority(),
        Optional.ofNullable(view.owner()), view.description(), view.openedAt()), ehr::to);
    task.setId(view.id());
    task.getMeta().setLastUpdated(Date.from(view.updatedAt()));
    task.setStatus(TaskStatus.fromCode(view.status()));
    if (view.statusReason() != null) {
      task.setStatusReason(new CodeableConcept().setText(view.statusReason()));
    }
    if (view.closedAt() != null) {
      task.setLastModified(Date.from(view.closedAt()));
    }
    return task;
  }
}
