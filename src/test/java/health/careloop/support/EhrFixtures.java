package health.careloop.support;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.ehr.FhirExtensions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Task;

/** Makes test data in the EHR through its FHIR API, as the EHR's own users would. */
public final class EhrFixtures {

  private final IGenericClient ehr;

  private static final String V3_ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

  public EhrFixtures(IGenericClient ehr) {
    this.ehr = ehr;
  }

  public String patient(String given, String language, String timeZone) {
    Patient p = new Patient();
    p.addName().setFamily("Test").addGiven(given);
    p.addTelecom().setSystem(ContactPoint.ContactPointSystem.SMS).setValue("+15550100").setRank(1);
    if (language != null) {
      p.addCommunication().setPreferred(true)
          .setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", language, null)));
    }
    if (timeZone != null) {
      p.addExtension(FhirExtensions.TIME_ZONE, new CodeType(timeZone));
    }
    return ehr.create().resource(p).execute().getId().getIdPart();
  }

  /** A patient born on {@code birthDate} (e.g. a child), with an SMS number. */
  public String patientBornOn(String given, String language, LocalDate birthDate) {
    Patient p = new Patient();
    p.addName().setFamily("Test").addGiven(given);
    p.setBirthDateElement(new DateType(birthDate.toString()));
    p.addTelecom().setSystem(ContactPoint.ContactPointSystem.SMS).setValue("+15550101").setRank(1);
    p.addCommunication().setPreferred(true)
        .setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", language, null)));
    return ehr.create().resource(p).execute().getId().getIdPart();
  }

  /** A patient the EHR records no telecom for (and so no way to reach but a portal). */
  public String patientWithoutTelecom(String given, String language) {
    Patient p = new Patient();
    p.addName().setFamily("Test").addGiven(given);
    p.addCommunication().setPreferred(true)
        .setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", language, null)));
    return ehr.create().resource(p).execute().getId().getIdPart();
  }

  /**
   * Someone related to the patient ({@code relationship}: a v3-RoleCode such as {@code MTH} or
   * {@code GUARD}) who speaks {@code language}, with an SMS number.
   */
  public String relatedPerson(String patientId, String given, String relationship, String language) {
    RelatedPerson person = new RelatedPerson();
    person.setActive(true);
    person.setPatient(new Reference("Patient/" + patientId));
    person.addRelationship(new CodeableConcept(new Coding(V3_ROLE_CODE, relationship, null)));
    person.addName().setFamily("Test").addGiven(given);
    person.addTelecom().setSystem(ContactPoint.ContactPointSystem.SMS).setValue("+15550102");
    person.addCommunication().setPreferred(true)
        .setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", language, null)));
    return ehr.create().resource(person).execute().getId().getIdPart();
  }

  /** Adds a Patient.contact entry ({@code relationship}: a v3-RoleCode such as {@code GUARD}). */
  public void addContact(String patientId, String given, String relationship) {
    Patient patient = ehr.read().resource(Patient.class).withId(patientId).execute();
    patient.addContact()
        .addRelationship(new CodeableConcept(new Coding(V3_ROLE_CODE, relationship, null)))
        .setName(new HumanName().setFamily("Test").addGiven(given))
        .addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("+15550103");
    ehr.update().resource(patient).execute();
  }

  public String organization(String name) {
    return ehr.create().resource(new Organization().setName(name)).execute().getId().getIdPart();
  }

  public String location(String name, String timeZone) {
    return location(name, timeZone, null);
  }

  /** A place, with the phone number patients call about their appointments there (may be null). */
  public String location(String name, String timeZone, String phone) {
    Location l = new Location();
    l.setName(name);
    l.addExtension(FhirExtensions.TIME_ZONE, new CodeType(timeZone));
    if (phone != null) {
      l.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setUse(ContactPoint.ContactPointUse.WORK).setValue(phone);
    }
    return ehr.create().resource(l).execute().getId().getIdPart();
  }

  /** A booked appointment of 30 minutes, start truncated to the minute. */
  public Appointment book(String patientId, String locationId, Instant start) {
    return appointment(patientId, locationId, start, AppointmentStatus.BOOKED);
  }

  /**
   * An appointment of 30 minutes created straight in {@code status} (as a migration or another
   * system would write it), start truncated to the minute.
   */
  public Appointment appointment(String patientId, String locationId, Instant start, AppointmentStatus status) {
    String id = ehr.create().resource(newAppointment(patientId, locationId, start, status)).execute().getId().getIdPart();
    return read(id);
  }

  /**
   * A booked appointment under an id the caller chooses ({@code PUT Appointment/{id}}): how an EHR
   * whose history was reset hands out an id it used before.
   */
  public Appointment bookAs(String appointmentId, String patientId, String locationId, Instant start) {
    Appointment a = newAppointment(patientId, locationId, start, AppointmentStatus.BOOKED);
    a.setId(appointmentId);
    ehr.update().resource(a).execute();
    return read(appointmentId);
  }

  private static Appointment newAppointment(String patientId, String locationId, Instant start, AppointmentStatus status) {
    Instant at = start.truncatedTo(ChronoUnit.MINUTES);
    Appointment a = new Appointment();
    a.setStatus(status);
    a.setStart(Date.from(at));
    a.setEnd(Date.from(at.plus(30, ChronoUnit.MINUTES)));
    a.addParticipant().setActor(new Reference("Patient/" + patientId)).setStatus(ParticipationStatus.ACCEPTED);
    if (locationId != null) {
      a.addParticipant().setActor(new Reference("Location/" + locationId)).setStatus(ParticipationStatus.ACCEPTED);
    }
    return a;
  }

  /** Records in the EHR that the patient refuses these kinds of message (docs/opt-out.md). */
  public void optOut(String patientId, String... kinds) {
    consent(patientId, new Consent.ProvisionComponent().setType(Consent.ConsentProvisionType.DENY)
        .addCode(messageKinds(kinds)));
  }

  /** Records an active patient-privacy Consent of the patient with this (root) provision. */
  public void consent(String patientId, Consent.ProvisionComponent provision) {
    Consent consent = new Consent();
    consent.setStatus(Consent.ConsentState.ACTIVE);
    consent.setScope(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/consentscope", "patient-privacy", null)));
    consent.addCategory(new CodeableConcept(new Coding("http://loinc.org", "59284-0", null)));
    consent.setPatient(new Reference("Patient/" + patientId));
    consent.setProvision(provision);
    ehr.create().resource(consent).execute();
  }

  /** CareLoop's message kinds (e.g. {@code appointment-reminder}) as a provision's code. */
  public static CodeableConcept messageKinds(String... kinds) {
    CodeableConcept codes = new CodeableConcept();
    for (String kind : kinds) {
      codes.addCoding(new Coding("https://careloop.health/fhir/CodeSystem/message-kind", kind, null));
    }
    return codes;
  }

  public Appointment read(String appointmentId) {
    return ehr.read().resource(Appointment.class).withId(appointmentId).execute();
  }

  public Appointment update(Appointment appointment) {
    ehr.update().resource(appointment).execute();
    return read(appointment.getIdElement().getIdPart());
  }

  public Appointment version(String appointmentId, String versionId) {
    return ehr.read().resource(Appointment.class).withIdAndVersion(appointmentId, versionId).execute();
  }

  /** The Communications of one message kind (e.g. {@code appointment-reminder}) about a patient. */
  public List<Communication> communicationsFor(String patientId, String kind) {
    return communicationsFor(patientId).stream()
        .filter(c -> c.getCategory().stream().flatMap(cc -> cc.getCoding().stream())
            .anyMatch(coding -> kind.equals(coding.getCode())))
        .toList();
  }

  /** The Tasks in the EHR for a patient (Task.for). */
  public List<Task> tasksFor(String patientId) {
    return ehr.search().forResource(Task.class)
        .where(Task.PATIENT.hasId("Patient/" + patientId))
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute()
        .getEntry().stream().map(e -> (Task) e.getResource()).toList();
  }

  public List<Communication> communicationsFor(String patientId) {
    return ehr.search().forResource(Communication.class)
        .where(Communication.SUBJECT.hasId("Patient/" + patientId))
        // HAPI answers a repeated search from its cache for a minute: tests need the truth.
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute()
        .getEntry().stream().map(e -> (Communication) e.getResource()).toList();
  }

  /** A Condition the patient has (confirmed), coded {@code system|code}: a visit's diagnosis. */
  public String condition(String patientId, String system, String code) {
    Condition c = new Condition();
    c.setSubject(new Reference("Patient/" + patientId));
    c.getCode().addCoding(new Coding(system, code, null));
    c.getVerificationStatus().addCoding(
        new Coding("http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", null));
    return ehr.create().resource(c).execute().getId().getIdPart();
  }

  /** A Procedure done during a visit, coded {@code system|code}. */
  public String procedure(String patientId, String encounterId, String system, String code) {
    Procedure p = new Procedure();
    p.setStatus(Procedure.ProcedureStatus.COMPLETED);
    p.setSubject(new Reference("Patient/" + patientId));
    p.setEncounter(new Reference("Encounter/" + encounterId));
    p.getCode().addCoding(new Coding(system, code, null));
    return ehr.create().resource(p).execute().getId().getIdPart();
  }

  /**
   * A visit of the patient, in {@code status}, of class {@code classCode} (v3-ActCode: AMB, EMER...),
   * that ended at {@code end}, with these diagnosis Conditions; not yet stored.
   */
  public static Encounter visit(String patientId, String status, String classCode, Instant end, String... conditionIds) {
    Encounter e = new Encounter();
    e.setStatus(Encounter.EncounterStatus.fromCode(status));
    e.setClass_(new Coding("http://terminology.hl7.org/CodeSystem/v3-ActCode", classCode, null));
    e.setSubject(new Reference("Patient/" + patientId));
    e.getPeriod().setStart(Date.from(end.minus(java.time.Duration.ofHours(1)))).setEnd(Date.from(end));
    for (String conditionId : conditionIds) {
      e.addDiagnosis().setCondition(new Reference("Condition/" + conditionId));
    }
    return e;
  }

  /** Stores a new visit; its id. */
  public String create(Encounter encounter) {
    return ehr.create().resource(encounter).execute().getId().getIdPart();
  }

  public Encounter readEncounter(String encounterId) {
    return ehr.read().resource(Encounter.class).withId(encounterId).execute();
  }

  /** Stores a new version of the visit. */
  public void update(Encounter encounter) {
    ehr.update().resource(encounter).execute();
  }

  /** Records the patient's death in the EHR (as a new version of the Patient). */
  public void recordDeath(String patientId) {
    Patient p = ehr.read().resource(Patient.class).withId(patientId).execute();
    p.setDeceased(new BooleanType(true));
    ehr.update().resource(p).execute();
  }
}
