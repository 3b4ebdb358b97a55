package health.careloop.summaries.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.summaries.OpenWork;
import health.careloop.summaries.OpenWork.OpenTask;
import health.careloop.summaries.OpenWork.PendingOrder;
import health.careloop.summaries.OpenWork.Referral;
import health.careloop.summaries.OpenWork.UpcomingAppointment;
import health.careloop.summaries.OverdueRules;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;

class OpenWorkTranslatorTest {

  private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
  private static final String REFERRAL = "http://snomed.info/sct|3457005";
  private final OpenWorkTranslator translator =
      new OpenWorkTranslator(List.of(REFERRAL), new OverdueRules(Duration.ofDays(3), Duration.ofDays(7)));

  @Test
  void aReferral_staysOpen_untilAnAppointmentBasedOnItIsBooked() {
    ServiceRequest booked = referral("r-booked", 5);
    ServiceRequest onlyCancelledOrPending = referral("r-cancelled", 5);
    ServiceRequest notBooked = referral("r-open", 1);
    List<Appointment> basedOn = List.of(
        basedOn(AppointmentStatus.BOOKED, "http://ehr.example.org/fhir/ServiceRequest/r-booked/_history/2"),
        basedOn(AppointmentStatus.CANCELLED, "ServiceRequest/r-cancelled"),
        basedOn(AppointmentStatus.PENDING, "ServiceRequest/r-cancelled"));

    OpenWork work = translator.translate(List.of(), List.of(booked, onlyCancelledOrPending, notBooked), basedOn, List.of(),
        List.of(), true, NOW);

    assertThat(work.referrals()).containsExactly(
        new Referral("ServiceRequest/r-cancelled", "Referral to cardiology", NOW.minus(Duration.ofDays(5)), true),
        new Referral("ServiceRequest/r-open", "Referral to cardiology", NOW.minus(Duration.ofDays(1)), false));
    assertThat(work.orders()).isEmpty();
  }

  @Test
  void anOrder_waits_untilAReportBasedOnItHoldsAResult() {
    ServiceRequest answered = order("o-final", 10);
    ServiceRequest registeredOnly = order("o-registered", 10);
    ServiceRequest cancelledReport = order("o-cancelled", 2);
    List<DiagnosticReport> reports = List.of(report(DiagnosticReportStatus.FINAL, "ServiceRequest/o-final"),
        report(DiagnosticReportStatus.REGISTERED, "ServiceRequest/o-registered"),
        report(DiagnosticReportStatus.CANCELLED, "ServiceRequest/o-cancelled"));

    OpenWork work = translator.translate(List.of(), List.of(answered, registeredOnly, cancelledReport), List.of(), reports,
        List.of(), true, NOW);

    assertThat(work.orders()).containsExactly(
        new PendingOrder("ServiceRequest/o-registered", "HbA1c", NOW.minus(Duration.ofDays(10)), null, true),
        new PendingOrder("ServiceRequest/o-cancelled", "HbA1c", NOW.minus(Duration.ofDays(2)), null, false));
  }

  @Test
  void anOrderToBeDoneLater_isNotOverdue_tillItsLimitAfterThen() {
    ServiceRequest later = order("o-later", 10).setOccurrence(new Period().setStart(Date.from(NOW.minus(Duration.ofDays(1)))));

    OpenWork work = translator.translate(List.of(), List.of(later), List.of(), List.of(), List.of(), true, NOW);

    assertThat(work.orders()).singleElement().satisfies(o -> {
      assertThat(o.occurrence()).isEqualTo(NOW.minus(Duration.ofDays(1)));
      assertThat(o.overdue()).isFalse();
    });
  }

  @Test
  void aServiceRequestOfAnotherCategory_isAnOrder_notAReferral() {
    ServiceRequest imaging = order("o-imaging", 1);
    imaging.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "363679005", "Imaging")));

    OpenWork work = translator.translate(List.of(), List.of(imaging), List.of(), List.of(), List.of(), true, NOW);

    assertThat(work.referrals()).isEmpty();
    assertThat(work.orders()).extracting(PendingOrder::reference).containsExactly("ServiceRequest/o-imaging");
  }

  @Test
  void aTask_isOverdue_pastItsDueTime_andIsShownByItsDescription_elseItsCode() {
    Task late = new Task().setStatus(TaskStatus.INPROGRESS).setDescription("Call patient about results")
        .setAuthoredOn(Date.from(NOW.minus(Duration.ofDays(4))));
    late.getRestriction().setPeriod(new Period().setEnd(Date.from(NOW.minus(Duration.ofDays(1)))));
    late.setId("t-late");
    Task coded = new Task().setStatus(TaskStatus.REQUESTED)
        .setCode(new CodeableConcept(new Coding("http://hl7.org/fhir/CodeSystem/task-code", "fulfill", "Fulfill the focal request")));
    coded.setId("t-coded");

    OpenWork work = translator.translate(List.of(late, coded), List.of(), List.of(), List.of(), List.of(), true, NOW);

    assertThat(work.tasks()).containsExactly(
        new OpenTask("Task/t-late", "Call patient about results", "in-progress", NOW.minus(Duration.ofDays(4)),
            NOW.minus(Duration.ofDays(1)), true),
        new OpenTask("Task/t-coded", "Fulfill the focal request", "requested", null, null, false));
  }

  @Test
  void upcomingAppointments_areShownByDescription_elseServiceType() {
    Appointment described = new Appointment().setStatus(AppointmentStatus.BOOKED).setDescription("Diabetes clinic")
        .setStart(Date.from(NOW.plus(Duration.ofDays(2))));
    described.setId("a1");
    Appointment typed = new Appointment().setStatus(AppointmentStatus.PENDING)
        .addServiceType(new CodeableConcept().setText("Physiotherapy")).setStart(Date.from(NOW.plus(Duration.ofDays(3))));
    typed.setId("a2");
    Appointment waitlisted = new Appointment().setStatus(AppointmentStatus.WAITLIST);
    waitlisted.setId("a3");

    OpenWork work = translator.translate(List.of(), List.of(), List.of(), List.of(), List.of(described, typed, waitlisted),
        false, NOW);

    assertThat(work.appointments()).containsExactly(
        new UpcomingAppointment("Appointment/a1", "Diabetes clinic", NOW.plus(Duration.ofDays(2))),
        new UpcomingAppointment("Appointment/a2", "Physiotherapy", NOW.plus(Duration.ofDays(3))));
    assertThat(work.complete()).isFalse();
  }

  private static ServiceRequest referral(String id, int daysAgo) {
    ServiceRequest request = request(id, daysAgo).setCode(new CodeableConcept().setText("Referral to cardiology"));
    request.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "3457005", "Patient referral")));
    return request;
  }

  private static ServiceRequest order(String id, int daysAgo) {
    return request(id, daysAgo).setCode(new CodeableConcept(new Coding("http://loinc.org", "4548-4", "HbA1c")));
  }

  private static ServiceRequest request(String id, int daysAgo) {
    ServiceRequest request = new ServiceRequest().setStatus(ServiceRequestStatus.ACTIVE)
        .setAuthoredOnElement(new DateTimeType(Date.from(NOW.minus(Duration.ofDays(daysAgo)))));
    request.setId("ServiceRequest/" + id);
    return request;
  }

  private static Appointment basedOn(AppointmentStatus status, String request) {
    Appointment appointment = new Appointment().setStatus(status);
    appointment.addBasedOn(new Reference(request));
    return appointment;
  }

  private static DiagnosticReport report(DiagnosticReportStatus status, String request) {
    DiagnosticReport report = new DiagnosticReport().setStatus(status);
    report.addBasedOn(new Reference(request));
    return report;
  }
}
