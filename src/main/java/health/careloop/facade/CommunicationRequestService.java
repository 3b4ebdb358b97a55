package health.careloop.facade;

import ca.uhn.fhir.rest.api.server.IBundleProvider;
import ca.uhn.fhir.rest.server.SimpleBundleProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.ResourceVersionConflictException;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.careloop.audit.FacadeAudit;
import health.careloop.schedule.PlannedMessageBulkReplay;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.schedule.PlannedMessageReplay;
import health.careloop.schedule.PlannedMessageQuery;
import health.careloop.schedule.PlannedMessageSearch;
import health.careloop.schedule.ReplaySelection;
import java.util.List;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.stereotype.Service;

/**
 * CareLoop's planned messages as CommunicationRequests: read by id, and search one page at a time.
 *
 * <p>Paging is by offset: each page is its own query ({@code _offset}, {@code _count}), ordered by
 * due time then id, and HAPI writes next/previous links carrying both. Nothing is kept between
 * pages, so any replica answers any page; a message planned or changed between two pages can
 * shift the pages (the usual price of offset paging).
 */
@Service
class CommunicationRequestService {

  static final int DEFAULT_PAGE_SIZE = 20;
  static final int MAXIMUM_PAGE_SIZE = 100;

  private final PlannedMessageQuery query;
  private final CommunicationRequestSearchTranslator searchTranslator;
  private final PlannedMessageTranslator translator;
  private final PlannedMessageReplay replays;
  private final PlannedMessageBulkReplay bulkReplays;
  private final FacadeAudit audit;

  CommunicationRequestService(PlannedMessageQuery query, CommunicationRequestSearchTranslator searchTranslator,
      PlannedMessageTranslator translator, PlannedMessageReplay replays, PlannedMessageBulkReplay bulkReplays,
      FacadeAudit audit) {
    this.audit = audit;
    this.query = query;
    this.bulkReplays = bulkReplays;
    this.replays = replays;
    this.searchTranslator = searchTranslator;
    this.translator = translator;
  }

  public CommunicationRequest read(String id) {
    return query.byId(id).map(translator::toCommunicationRequest)
        .orElseThrow(() -> new ResourceNotFoundException(
            "CL-2010: CareLoop has no planned message CommunicationRequest/" + id));
  }

  /**
   * {@code $replay}: see {@link PlannedMessageReplay}. The replay and its audit entry commit
   * together ({@link FacadeAudit#changeRecorded}).
   */
  public CommunicationRequest replay(String id, RequestDetails request) {
    return audit.changeRecorded(request, () -> new FacadeAudit.Change<>(replay(id), List.of()));
  }

  private CommunicationRequest replay(String id) {
    PlannedMessageReplay.Result result = replays.replay(id);
    if (result instanceof PlannedMessageReplay.Result.Replayed replayed) {
      return translator.toCommunicationRequest(replayed.message());
    }
    if (result instanceof PlannedMessageReplay.Result.NotReplayable other) {
      throw new ResourceVersionConflictException("CL-2050: CommunicationRequest/" + id + " is "
          + PlannedMessageTranslator.status(other.message().status()).toCode()
          + ": only a parked (on-hold) or failed message can be replayed");
    }
    throw new ResourceNotFoundException("CL-2010: CareLoop has no planned message CommunicationRequest/" + id);
  }

  /**
   * The type-level {@code $replay}: see {@link PlannedMessageBulkReplay}. Every replay of the call
   * and its one audit entry, naming each request replayed and its patient, commit together
   * ({@link FacadeAudit#changeRecorded}).
   */
  public Parameters replayAll(ReplaySelection selection, RequestDetails request) {
    return audit.changeRecorded(request, () -> {
      PlannedMessageBulkReplay.BulkReplay replay = bulkReplays.replayAll(selection);
      return new FacadeAudit.Change<>(BulkReplayParameters.answer(replay),
          replay.replayed().stream().map(PlannedMessageView::patientId).filter(java.util.Objects::nonNull).toList());
    });
  }

  /**
   * @param offset {@code _offset}, null for the first page
   * @param count {@code _count}, null for {@value #DEFAULT_PAGE_SIZE}; more than
   *     {@value #MAXIMUM_PAGE_SIZE} gives {@value #MAXIMUM_PAGE_SIZE} (FHIR lets a server return fewer)
   */
  public IBundleProvider search(CommunicationRequestSearchParams params, Integer offset, Integer count) {
    int from = offset == null ? 0 : offset;
    int size = count == null ? DEFAULT_PAGE_SIZE : Math.min(count, MAXIMUM_PAGE_SIZE);
    if (from < 0 || size < 0) {
      throw new InvalidRequestException("CL-2009: _offset and _count must not be negative");
    }
    PlannedMessageSearch search = searchTranslator.toSearch(params);
    PlannedMessageQuery.Page page = query.search(search, from, size);
    List<CommunicationRequest> resources = page.messages().stream().map(translator::toCommunicationRequest).toList();
    SimpleBundleProvider bundle = new SimpleBundleProvider(resources);
    bundle.setSize((int) Math.min(page.total(), Integer.MAX_VALUE));
    bundle.setCurrentPageOffset(from);
    bundle.setCurrentPageSize(size);
    return bundle;
  }
}
