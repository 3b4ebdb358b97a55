package health.careloop.summaries.internal;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.CareLoopFhir;
import health.careloop.ehr.EhrReferences;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.summaries.ClinicianSummaries;
import health.careloop.summaries.ClinicianSummary;
import health.careloop.summaries.ClinicianSummaryTranslator;
import health.careloop.summaries.EncounterParticipants;
import health.careloop.summaries.OpenWork;
import health.careloop.summaries.OpenWork.OpenTask;
import health.careloop.summaries.OpenWork.PendingOrder;
import health.careloop.summaries.OpenWork.Referral;
import health.careloop.summaries.OpenWork.UpcomingAppointment;
import health.careloop.summaries.SummaryDraft;
import health.careloop.summaries.SummaryPriority;
import health.careloop.summaries.SummaryProperties;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DiagnosticReport.DiagnosticReportStatus;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Encounter.EncounterStatus;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestIntent;
import org.hl7.fhir.r4.model.ServiceRequest.ServiceRequestStatus;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskIntent;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.junit.jupiter.api.Test;

/**
 * A patient's open work read from a real HAPI FHIR JPA server (the sandbox EHR) by the reader CareLoop
 * uses, then summarised and written back as the Communication the wiring will write.
 */
class OpenWorkFromTheEhrIT {

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final IGenericClient client = ehr.client();
  private static final String PARTICIPATION = "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";
  private static final SummaryProperties DEFAULTS = new SummaryProperties(List.of("http://snomed.info/sct|3457005"),
      Duration.ofDays(3), Duration.ofDays(7), List.of(PARTICIPATION + "|PPRF", PARTICIPATION + "|ATND"), false, 3, true,
      Duration.ofDays(7));

  /** Second precision: what the EHR gives back is compared with what was written. */
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @Test
  void openWork_isReadExactly_andItsSummaryIsAValidCommunication_theEhrTakesOnce() {
    String patient = create(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Summary")));
    String attender = create(new Practitioner().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Attender")));
    String consultant = create(new Practitioner().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Consultant")));

    String reviewTask = create(task(patient, TaskStatus.REQUESTED, "Review medication", null));
    String lateTask = create(task(patient, TaskStatus.INPROGRESS, "Call patient about results", daysAgo(1)));
    create(task(patient, TaskStatus.COMPLETED, "Book the scan", null));

    String unbookedReferral = create(referral(patient, "Referral to cardiology", daysAgo(5)));
    String bookedReferral = create(referral(patient, "Referral to dermatology", daysAgo(5)));
    String referralsAppointment = create(appointment(patient, AppointmentStatus.BOOKED, "Dermatology", now.plus(Duration.ofDays(10)))
        .addBasedOn(new Reference("ServiceRequest/" + bookedReferral)));
    String pendingOrder = create(order(patient, "HbA1c", daysAgo(1)));
    String answeredOrder = create(order(patient, "Full blood count", daysAgo(2)));
    create(new DiagnosticReport().setStatus(DiagnosticReportStatus.FINAL)
        .setCode(new CodeableConcept().setText("Full blood count"))
        .setSubject(new Reference("Patient/" + patient))
        .addBasedOn(new Reference("ServiceRequest/" + answeredOrder)));
    String soon = create(appointment(patient, AppointmentStatus.BOOKED, "Diabetes clinic", now.plus(Duration.ofDays(2))));
    String later = create(appointment(patient, AppointmentStatus.PENDING, "Physiotherapy", now.plus(Duration.ofDays(20))));
    create(appointment(patient, AppointmentStatus.CANCELLED, "Cancelled clinic", now.plus(Duration.ofDays(3))));

    OpenWork work = new EhrOpenWork(client, DEFAULTS).openWork(patient, now);

    assertThat(work.tasks()).containsExactlyInAnyOrder(
        new OpenTask("Task/" + reviewTask, "Review medication", "requested", now, null, false),
        new OpenTask("Task/" + lateTask, "Call patient about results", "in-progress", now, daysAgo(1), true));
    assertThat(work.referrals()).containsExactly(
        new Referral("ServiceRequest/" + unbookedReferral, "Referral to cardiology", daysAgo(5), true));
    assertThat(work.orders()).containsExactly(
        new PendingOrder("ServiceRequest/" + pendingOrder, "HbA1c", daysAgo(1), null, false));
    assertThat(work.appointments()).containsExactly(
        new UpcomingAppointment("Appointment/" + soon, "Diabetes clinic", now.plus(Duration.ofDays(2))),
        new UpcomingAppointment("Appointment/" + referralsAppointment, "Dermatology", now.plus(Duration.ofDays(10))),
        new UpcomingAppointment("Appointment/" + later, "Physiotherapy", now.plus(Duration.ofDays(20))));
    assertThat(work.complete()).isTrue();

    Encounter encounter = new Encounter().setStatus(EncounterStatus.FINISHED)
        .setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory"))
        .setSubject(new Reference("Patient/" + patient));
    encounter.addParticipant().addType(new CodeableConcept(new Coding(PARTICIPATION, "ATND", "attender")))
        .setIndividual(new Reference("Practitioner/" + attender));
    encounter.addParticipant().addType(new CodeableConcept(new Coding(PARTICIPATION, "CON", "consultant")))
        .setIndividual(new Reference("Practitioner/" + consultant));
    String encounterId = create(encounter);
    Encounter finished = client.read().resource(Encounter.class).withId(encounterId).execute();

    ClinicianSummaries summaries = new ClinicianSummaries(new EhrOpenWork(client, DEFAULTS),
        new ClinicianSummary(ZoneOffset.UTC, DEFAULTS.maxNextAppointments(), false), DEFAULTS.participantTypes());
    SummaryDraft draft = summaries.summarise(encounterId, patient,
        EncounterParticipants.of(finished, new EhrReferences(ehr.baseUrl())), now).orElseThrow();

    assertThat(draft.recipients()).containsExactly("Practitioner/" + attender);
    assertThat(draft.content().priority()).isEqualTo(SummaryPriority.URGENT);
    assertThat(draft.content().text()).startsWith("Open work for this patient: 2 overdue, 2 not overdue.\nOverdue:\n"
        + "- Referral not booked: Referral to cardiology");
    List<Communication> communications = ClinicianSummaryTranslator.toCommunications(draft, now);
    assertThat(communications).hasSize(1);
    Communication summary = communications.get(0);
    CareLoopProfileValidator.get().assertValid(summary);

    String identifier = CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM + "|" + summary.getIdentifierFirstRep().getValue();
    MethodOutcome first = client.create().resource(summary).conditionalByUrl("Communication?identifier=" + identifier).execute();
    MethodOutcome again = client.create().resource(summary).conditionalByUrl("Communication?identifier=" + identifier).execute();
    assertThat(again.getId().getIdPart()).isEqualTo(first.getId().getIdPart());
    Communication stored = client.read().resource(Communication.class).withId(first.getId().getIdPart()).execute();
    assertThat(stored.getAbout()).extracting(r -> r.getReference()).containsExactlyInAnyOrder(
        "Encounter/" + encounterId, "Task/" + reviewTask, "Task/" + lateTask, "ServiceRequest/" + unbookedReferral,
        "ServiceRequest/" + pendingOrder, "Appointment/" + soon, "Appointment/" + referralsAppointment,
        "Appointment/" + later);
  }

  /** Every next page is read up to the bound; past it the open work says it is not all there is. */
  @Test
  void nextPages_areFollowed_upToTheBound_andWorkCutShortSaysSo() {
    String patient = create(new Patient().addName(new org.hl7.fhir.r4.model.HumanName().setFamily("Busy")));
    for (int i = 0; i < 5; i++) {
      create(task(patient, TaskStatus.READY, "Task " + i, null));
    }

    OpenWork all = new EhrOpenWork(client, DEFAULTS, 2, 10).openWork(patient, now);
    OpenWork cutShort = new EhrOpenWork(client, DEFAULTS, 2, 2).openWork(patient, now);

    assertThat(all.tasks()).hasSize(5);
    assertThat(all.complete()).isTrue();
    assertThat(cutShort.tasks()).hasSize(4);
    assertThat(cutShort.complete()).isFalse();
  }

  private Instant daysAgo(int days) {
    return now.minus(Duration.ofDays(days));
  }

  private Task task(String patient, TaskStatus status, String description, Instant due) {
    Task task = new Task().setStatus(status).setIntent(TaskIntent.ORDER).setDescription(description)
        .setFor(new Reference("Patient/" + patient)).setAuthoredOn(Date.from(now));
    if (due != null) {
      task.getRestriction().setPeriod(new Period().setEnd(Date.from(due)));
    }
    return task;
  }

  private ServiceRequest referral(String patient, String text, Instant authoredOn) {
    ServiceRequest request = order(patient, text, authoredOn);
    request.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "3457005", "Patient referral")));
    return request;
  }

  private ServiceRequest order(String patient, String text, Instant authoredOn) {
    return new ServiceRequest().setStatus(ServiceRequestStatus.ACTIVE).setIntent(ServiceRequestIntent.ORDER)
        .setCode(new CodeableConcept().setText(text)).setSubject(new Reference("Patient/" + patient))
        .setAuthoredOnElement(new DateTimeType(Date.from(authoredOn)));
  }

  private Appointment appointment(String patient, AppointmentStatus status, String description, Instant start) {
    Appointment appointment = new Appointment().setStatus(status).setDescription(description)
        .setStart(Date.from(start)).setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
    appointment.addParticipant().setActor(new Reference("Patient/" + patient)).setStatus(ParticipationStatus.ACCEPTED);
    return appointment;
  }

  private static String create(Resource resource) {
    return client.create().resource(resource).execute().getId().getIdPart();
  }
}
