package health.careloop.summaries.digest;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.CareLoopFhir;
import health.careloop.fhirprofiles.CareLoopProfileValidator;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.WorkKind;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The clinicians' daily digest end to end against a real HAPI FHIR JPA server as the EHR: the day's
 * appointments and the patients' open work are made through its FHIR API, the digest's daily run
 * fires as CareLoop's {@code MutableClock} reaches its time, and the digest appears in the EHR.
 */
class ClinicianDigestIT {

  private static final ZoneId CLINIC = ZoneId.of("Europe/London");
  private static final LocalTime DIGEST_TIME = LocalTime.of(7, 0);

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final IGenericClient client = ehr.client();
  private static final EhrFixtures fixtures = new EhrFixtures(client);

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
      "careloop.summaries.digest.enabled", "true",
      "careloop.summaries.digest.at", DIGEST_TIME.toString(),
      "careloop.summaries.digest.time-zone", CLINIC.getId()));

  @Test
  void aClinicianWithThreePatientsToday_twoWithOpenWork_getsExactlyOneDigestInTimeOrder_evenWhenRunAgain() {
    ZonedDateTime run = nextDigest();
    ZonedDateTime day = run.with(LocalTime.MIDNIGHT);
    String doctor = practitioner("Okafor");
    String other = practitioner("Silva");
    String referred = fixtures.patient("Ana", "en", null);
    String quiet = fixtures.patient("Bo", "en", null);
    String withTask = fixtures.patient("Cai", "en", null);
    String referral = referral(referred, run.toInstant().minus(Duration.ofDays(5)));
    String task = openTask(withTask);
    // Booked out of order: the digest follows the appointment times, not the EHR's ids.
    String late = appointment(withTask, day.withHour(11).toInstant(), doctor);
    String early = appointment(referred, day.withHour(9).toInstant(), doctor);
    String middle = appointment(quiet, day.withHour(10).toInstant(), doctor);
    appointment(quiet, day.plusDays(1).withHour(9).toInstant(), other); // tomorrow: in no digest today
    String quietOnlyClinician = practitioner("Nakamura");
    appointment(quiet, day.withHour(12).toInstant(), quietOnlyClinician);

    careLoop.advanceClockTo(run.toInstant());

    Communication digest = digestsTo(doctor).get(0);
    assertThat(digestsTo(doctor)).hasSize(1);
    assertThat(digest.getIdentifierFirstRep().getValue())
        .isEqualTo("Digest/Practitioner/" + doctor + "/" + run.toLocalDate());
    String text = digest.getPayloadFirstRep().getContentStringType().getValue();
    assertThat(text).startsWith("Your patients on ").contains("in appointment order: 3, 2 with open work.");
    assertThat(text.indexOf("09:00 [Patient/" + referred + "]")).isPositive()
        .isLessThan(text.indexOf("10:00 [Patient/" + quiet + "]"));
    assertThat(text.indexOf("10:00 [Patient/" + quiet + "]")).isLessThan(text.indexOf("11:00 [Patient/" + withTask + "]"));
    assertThat(text).contains("[ServiceRequest/" + referral + "]").contains("[Task/" + task + "]")
        .contains("No open work for this patient in the EHR.");
    assertThat(digest.getAbout()).extracting(Reference::getReference).contains("Appointment/" + early,
        "Appointment/" + middle, "Appointment/" + late, "ServiceRequest/" + referral, "Task/" + task);
    assertThat(digest.getPriority()).as("the referral is overdue").isEqualTo(Communication.CommunicationPriority.URGENT);
    assertThat(digest.hasSubject()).isFalse();
    assertThat(CareLoopProfileValidator.get().errors(digest)).isEmpty();
    assertThat(digestsTo(other)).as("appointments tomorrow only").isEmpty();
    assertThat(digestsTo(quietOnlyClinician)).as("no patient with open work").isEmpty();

    // Later the same day: more open work, and the run again (a retry, another replica): nothing new.
    openTask(quiet);
    Instant again = careLoop.clock().instant();
    careLoop.bean(DeferredWork.class).runNow(WorkKind.CLINICIAN_DIGEST);
    careLoop.advanceClockTo(again.plusSeconds(1));
    assertThat(lastSuccess()).as("the run brought forward has run").isAfterOrEqualTo(again);

    assertThat(digestsTo(doctor)).singleElement().satisfies(same -> {
      assertThat(same.getIdElement().getIdPart()).isEqualTo(digest.getIdElement().getIdPart());
      assertThat(same.getMeta().getVersionId()).isEqualTo("1");
    });
    assertThat(digestsTo(quietOnlyClinician)).as("nothing to say at the first run, something now: one, the day's")
        .singleElement().satisfies(d -> assertThat(d.getIdentifierFirstRep().getValue())
            .isEqualTo("Digest/Practitioner/" + quietOnlyClinician + "/" + run.toLocalDate()));
  }

  /**
   * The repeat budget (careloop.summaries.repeat-after, P7D): the referral told in one day's digest
   * is not told again in the next day's, only named as still open; the new Task is.
   */
  @Test
  void theNextDaysDigest_doesNotRepeatWhatTheClinicianWasToldYesterday_onlyNamesIt() {
    ZonedDateTime first = nextDigest();
    ZonedDateTime following = first.plusDays(1);
    while (following.getDayOfWeek() == DayOfWeek.SATURDAY || following.getDayOfWeek() == DayOfWeek.SUNDAY) {
      following = following.plusDays(1);
    }
    ZonedDateTime second = following;
    String doctor = practitioner("Dubois");
    String patient = fixtures.patient("Eda", "en", null);
    String referral = referral(patient, first.toInstant().minus(Duration.ofDays(5)));
    appointment(patient, first.with(LocalTime.of(14, 0)).toInstant(), doctor);
    appointment(patient, second.with(LocalTime.of(14, 0)).toInstant(), doctor);

    careLoop.advanceClockTo(first.toInstant());
    assertThat(digestsTo(doctor)).singleElement().satisfies(d ->
        assertThat(d.getAbout()).extracting(Reference::getReference).contains("ServiceRequest/" + referral));

    String task = openTask(patient);
    careLoop.advanceClockTo(second.toInstant());

    List<Communication> digests = digestsTo(doctor);
    assertThat(digests).hasSize(2);
    Communication next = digests.stream().filter(d -> d.getIdentifierFirstRep().getValue().endsWith(
        "/" + second.toLocalDate())).findFirst().orElseThrow();
    String text = next.getPayloadFirstRep().getContentStringType().getValue();
    assertThat(text).contains("[Task/" + task + "]")
        .contains("Still open, told to you in the last 7 days, not repeated: [ServiceRequest/" + referral + "]")
        .doesNotContain("Referral not booked");
    assertThat(next.getAbout()).extracting(Reference::getReference).contains("Task/" + task)
        .doesNotContain("ServiceRequest/" + referral);
  }

  // --- helpers ---

  /** The next digest time on a weekday after CareLoop's now, a second past it. */
  private static ZonedDateTime nextDigest() {
    ZonedDateTime now = careLoop.clock().instant().atZone(CLINIC);
    ZonedDateTime next = now.with(DIGEST_TIME);
    if (!next.isAfter(now)) {
      next = next.plusDays(1);
    }
    while (next.getDayOfWeek() == DayOfWeek.SATURDAY || next.getDayOfWeek() == DayOfWeek.SUNDAY) {
      next = next.plusDays(1);
    }
    return next.plusSeconds(1);
  }

  /** When the digest's daily run last succeeded (db-scheduler's record of it). */
  private static Instant lastSuccess() {
    return careLoop.bean(org.springframework.jdbc.core.JdbcTemplate.class).queryForObject(
        "select last_success from scheduled_tasks where task_name = ?", java.sql.Timestamp.class,
        WorkKind.CLINICIAN_DIGEST.taskName()).toInstant();
  }

  private static String practitioner(String family) {
    return client.create().resource(new Practitioner().addName(new HumanName().setFamily(family))).execute()
        .getId().getIdPart();
  }

  private static String appointment(String patientId, Instant start, String practitionerId) {
    Appointment a = new Appointment();
    a.setStatus(Appointment.AppointmentStatus.BOOKED);
    a.setStart(Date.from(start));
    a.setEnd(Date.from(start.plus(Duration.ofMinutes(20))));
    a.addParticipant().setActor(new Reference("Patient/" + patientId)).setStatus(ParticipationStatus.ACCEPTED);
    a.addParticipant().setActor(new Reference("Practitioner/" + practitionerId)).setStatus(ParticipationStatus.ACCEPTED);
    return client.create().resource(a).execute().getId().getIdPart();
  }

  private static String referral(String patientId, Instant authored) {
    ServiceRequest r = new ServiceRequest();
    r.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
    r.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
    r.addCategory().addCoding().setSystem("http://snomed.info/sct").setCode("3457005");
    r.setSubject(new Reference("Patient/" + patientId));
    r.setAuthoredOn(Date.from(authored));
    return client.create().resource(r).execute().getId().getIdPart();
  }

  private static String openTask(String patientId) {
    Task t = new Task();
    t.setStatus(Task.TaskStatus.REQUESTED);
    t.setIntent(Task.TaskIntent.ORDER);
    t.setDescription("Call back with the scan results");
    t.setFor(new Reference("Patient/" + patientId));
    return client.create().resource(t).execute().getId().getIdPart();
  }

  /** CareLoop's digests in the EHR to a clinician, by recipient and message kind. */
  private static List<Communication> digestsTo(String practitionerId) {
    return client.search().forResource(Communication.class)
        .where(Communication.RECIPIENT.hasId("Practitioner/" + practitionerId))
        .and(Communication.CATEGORY.exactly().systemAndCode(CareLoopFhir.MESSAGE_KIND_SYSTEM, "clinician-digest"))
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute()
        .getEntry().stream().map(e -> (Communication) e.getResource()).toList();
  }
}
