package health.careloop.summaries.internal;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.api.SortSpec;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.IQuery;
import ca.uhn.fhir.util.BundleUtil;
import health.careloop.summaries.OpenWork;
import health.careloop.summaries.OpenWorkSource;
import health.careloop.summaries.SummaryProperties;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Reads a patient's open work from the EHR in three searches, each past any search cache of the EHR
 * (a Task completed a minute ago must not be listed as open):
 * <ol>
 *   <li>{@code Task?patient=…&status=draft,requested,received,accepted,ready,in-progress,on-hold};</li>
 *   <li>{@code ServiceRequest?patient=…&status=active&_revinclude=Appointment:based-on&_revinclude=DiagnosticReport:based-on}:
 *       referrals and orders at once, with the Appointments booked for them and the reports that answer
 *       them (R4 Appointment and DiagnosticReport both have a {@code based-on} search parameter; which
 *       ServiceRequest is a referral is decided by its category, here, see {@link OpenWorkTranslator});</li>
 *   <li>{@code Appointment?patient=…&date=ge<now>&status=proposed,pending,booked,arrived,checked-in,waitlist&_sort=date},
 *       the first {@code max-next-appointments} only.</li>
 * </ol>
 * The first two follow {@code next} links up to {@value #MAX_PAGES} pages of {@value #PAGE_SIZE}: a
 * patient with more open work than that is a case for the EHR's own work lists, and the summary says
 * that it does not list everything rather than read without end.
 *
 * <p>An EHR that ignores {@code _revinclude} returns no Appointment or report: every referral then
 * looks unbooked and every order unanswered. The summary lists too much, never too little.
 */
@Component
public class EhrOpenWork implements OpenWorkSource {

  static final int PAGE_SIZE = 100;
  static final int MAX_PAGES = 10;
  static final List<String> OPEN_TASK = List.of("draft", "requested", "received", "accepted", "ready", "in-progress",
      "on-hold");
  static final List<String> UPCOMING_APPOINTMENT = List.of("proposed", "pending", "booked", "arrived", "checked-in",
      "waitlist");

  private final IGenericClient ehr;
  private final OpenWorkTranslator translator;
  private final int maxNextAppointments;
  private final int pageSize;
  private final int maxPages;

  @Autowired
  public EhrOpenWork(IGenericClient ehr, SummaryProperties properties) {
    this(ehr, properties, PAGE_SIZE, MAX_PAGES);
  }

  /** With smaller pages, so that a test can show the paging and its bound on a few resources. */
  EhrOpenWork(IGenericClient ehr, SummaryProperties properties, int pageSize, int maxPages) {
    this.ehr = ehr;
    this.translator = new OpenWorkTranslator(properties.referralCategories(), properties.overdueRules());
    this.maxNextAppointments = properties.maxNextAppointments();
    this.pageSize = pageSize;
    this.maxPages = maxPages;
  }

  @Override
  public OpenWork openWork(String patientId, Instant now) {
    String patient = "Patient/" + patientId;
    Pages tasks = all(ehr.search().forResource(Task.class)
        .where(Task.PATIENT.hasId(patient))
        .and(Task.STATUS.exactly().codes(OPEN_TASK)));
    Pages requests = all(ehr.search().forResource(ServiceRequest.class)
        .where(ServiceRequest.PATIENT.hasId(patient))
        .and(ServiceRequest.STATUS.exactly().code("active"))
        .revInclude(Appointment.INCLUDE_BASED_ON)
        .revInclude(DiagnosticReport.INCLUDE_BASED_ON));
    List<Appointment> upcoming = maxNextAppointments == 0 ? List.of() : BundleUtil.toListOfResourcesOfType(
        ehr.getFhirContext(), ehr.search().forResource(Appointment.class)
            .where(Appointment.PATIENT.hasId(patient))
            .and(Appointment.DATE.afterOrEquals().second(Date.from(now)))
            .and(Appointment.STATUS.exactly().codes(UPCOMING_APPOINTMENT))
            .sort(new SortSpec(Appointment.SP_DATE))
            .count(maxNextAppointments)
            .cacheControl(new CacheControlDirective().setNoCache(true))
            .returnBundle(Bundle.class).execute(), Appointment.class);
    return translator.translate(tasks.of(Task.class), requests.of(ServiceRequest.class), requests.of(Appointment.class),
        requests.of(DiagnosticReport.class), upcoming, tasks.complete() && requests.complete(), now);
  }

  /** Up to {@code maxPages} pages of a search. */
  private Pages all(IQuery<?> query) {
    List<Bundle> pages = new ArrayList<>();
    Bundle page = query.count(pageSize).cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute();
    pages.add(page);
    while (page.getLink(Bundle.LINK_NEXT) != null && pages.size() < maxPages) {
      page = ehr.loadPage().next(page).execute();
      pages.add(page);
    }
    return new Pages(pages, page.getLink(Bundle.LINK_NEXT) == null);
  }

  /** The pages read, and whether they were all there was. */
  private record Pages(List<Bundle> bundles, boolean complete) {

    <T extends IBaseResource> List<T> of(Class<T> type) {
      // _revinclude may repeat an included resource on several pages: each once.
      Map<String, T> byId = new LinkedHashMap<>();
      for (Bundle bundle : bundles) {
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
          if (type.isInstance(entry.getResource())) {
            byId.putIfAbsent(entry.getResource().getIdElement().toUnqualifiedVersionless().getValue(),
                type.cast(entry.getResource()));
          }
        }
      }
      return new ArrayList<>(byId.values());
    }
  }
}
