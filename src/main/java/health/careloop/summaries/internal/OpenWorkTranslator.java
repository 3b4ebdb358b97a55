package health.careloop.summaries.internal;

import health.careloop.rules.CodeMatch;
import health.careloop.summaries.OpenWork;
import health.careloop.summaries.OpenWork.OpenTask;
import health.careloop.summaries.OpenWork.PendingOrder;
import health.careloop.summaries.OpenWork.Referral;
import health.careloop.summaries.OpenWork.UpcomingAppointment;
import health.careloop.summaries.OverdueRules;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;

/**
 * The EHR's resources → {@link OpenWork}. Pure: the searches that fetch them are {@link EhrOpenWork}'s.
 *
 * <ul>
 *   <li>A referral is an active ServiceRequest with one of the configured categories; it is open until an
 *       Appointment based on it is booked, arrived, checked in or fulfilled (a proposed, pending,
 *       cancelled or missed one books nothing).</li>
 *   <li>Every other active ServiceRequest is an order; it waits until a DiagnosticReport based on it
 *       has a result (preliminary, partial, final, amended, corrected, appended). A report that is
 *       only registered, cancelled, entered in error or of unknown status holds no result.</li>
 * </ul>
 */
final class OpenWorkTranslator {

  static final Set<AppointmentStatus> BOOKS_A_REFERRAL = Set.of(AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED,
      AppointmentStatus.CHECKEDIN, AppointmentStatus.FULFILLED);
  static final Set<DiagnosticReportStatus> HOLDS_A_RESULT = Set.of(DiagnosticReportStatus.PRELIMINARY,
      DiagnosticReportStatus.PARTIAL, DiagnosticReportStatus.FINAL, DiagnosticReportStatus.AMENDED,
      DiagnosticReportStatus.CORRECTED, DiagnosticReportStatus.APPENDED);

  private final List<String> referralCategories;
  private final OverdueRules overdue;

  OpenWorkTranslator(List<String> referralCategories, OverdueRules overdue) {
    this.referralCategories = List.copyOf(referralCategories);
    this.overdue = overdue;
  }

  /**
   * @param requests the patient's active ServiceRequests
   * @param basedOnRequests Appointments based on any of them
   * @param reports DiagnosticReports based on any of them
   * @param complete false when a search stopped before its last page
   */
  OpenWork translate(List<Task> tasks, List<ServiceRequest> requests, List<Appointment> basedOnRequests,
      List<DiagnosticReport> reports, List<Appointment> upcoming, boolean complete, Instant now) {
    Set<String> booked = new HashSet<>();
    basedOnRequests.stream().filter(a -> BOOKS_A_REFERRAL.contains(a.getStatus()))
        .forEach(a -> booked.addAll(serviceRequestIds(a.getBasedOn())));
    Set<String> resulted = new HashSet<>();
    reports.stream().filter(r -> HOLDS_A_RESULT.contains(r.getStatus()))
        .forEach(r -> resulted.addAll(serviceRequestIds(r.getBasedOn())));

    List<Referral> referrals = new ArrayList<>();
    List<PendingOrder> orders = new ArrayList<>();
    for (ServiceRequest request : requests) {
      String id = request.getIdElement().getIdPart();
      Instant authoredOn = instant(request.getAuthoredOn());
      if (isReferral(request)) {
        if (!booked.contains(id)) {
          referrals.add(new Referral(reference(request), display(request.getCode()), authoredOn,
              overdue.referral(authoredOn, now)));
        }
      } else if (!resulted.contains(id)) {
        Instant occurrence = occurrence(request);
        orders.add(new PendingOrder(reference(request), display(request.getCode()), authoredOn, occurrence,
            overdue.order(authoredOn, occurrence, now)));
      }
    }
    List<OpenTask> openTasks = tasks.stream().map(task -> task(task, now)).toList();
    List<UpcomingAppointment> next = upcoming.stream().filter(Appointment::hasStart)
        .map(a -> new UpcomingAppointment(reference(a), display(a), a.getStart().toInstant())).toList();
    return new OpenWork(openTasks, referrals, orders, next, complete);
  }

  private boolean isReferral(ServiceRequest request) {
    return CodeMatch.anyMatches(referralCategories, request.getCategory().stream()
        .flatMap(category -> category.getCoding().stream()).filter(Coding::hasCode)
        .map(c -> c.hasSystem() ? c.getSystem() + "|" + c.getCode() : c.getCode()).toList());
  }

  private OpenTask task(Task task, Instant now) {
    Instant due = task.getRestriction().getPeriod().hasEnd() ? task.getRestriction().getPeriod().getEnd().toInstant() : null;
    String display = task.hasDescription() ? task.getDescription() : display(task.getCode());
    return new OpenTask(reference(task), display, task.getStatus() == null ? null : task.getStatus().toCode(),
        instant(task.getAuthoredOn()), due, overdue.task(due, now));
  }

  /** When an order is to be done: its occurrenceDateTime or the start of its occurrencePeriod; a Timing is not read. */
  private static Instant occurrence(ServiceRequest request) {
    if (request.hasOccurrenceDateTimeType()) {
      return instant(request.getOccurrenceDateTimeType().getValue());
    }
    if (request.hasOccurrencePeriod()) {
      return instant(request.getOccurrencePeriod().getStart());
    }
    return null;
  }

  private static String display(Appointment appointment) {
    if (appointment.hasDescription()) {
      return appointment.getDescription();
    }
    for (CodeableConcept concept : appointment.getServiceType()) {
      String display = display(concept);
      if (display != null) {
        return display;
      }
    }
    return display(appointment.getAppointmentType());
  }

  /** Its text, else the first coding's display, else its first code; null when there is nothing. */
  private static String display(CodeableConcept concept) {
    if (concept.hasText()) {
      return concept.getText();
    }
    return concept.getCoding().stream().filter(Coding::hasDisplay).map(Coding::getDisplay).findFirst()
        .orElse(concept.getCoding().stream().filter(Coding::hasCode).map(Coding::getCode).findFirst().orElse(null));
  }

  /** The ids of the ServiceRequests among references, relative or absolute, with or without a version. */
  static Set<String> serviceRequestIds(Collection<Reference> references) {
    Set<String> ids = new HashSet<>();
    for (Reference reference : references) {
      IdType id = new IdType(reference.getReference());
      if ("ServiceRequest".equals(id.getResourceType()) && id.hasIdPart()) {
        ids.add(id.getIdPart());
      }
    }
    return ids;
  }

  /** {@code Type/id}, relative and without a version, by the resource's own type (an id may not carry it). */
  private static String reference(Resource resource) {
    return resource.fhirType() + "/" + resource.getIdElement().getIdPart();
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
