package health.careloop.sandbox;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipantRequired;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointUse;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * Demo data for the sandbox EHR: fictitious patients (names, telecom, language, time zone),
 * practitioners, two locations with time zones, one organization and booked appointments whose
 * starts are relative to the given clock. All names, numbers and addresses are made up; phone
 * numbers come from ranges reserved for fiction (UK 07700 900xxx, North American 555-01xx,
 * French 06 39 98 xx xx) and e-mail addresses use example.org/example.com.
 *
 * <p>Everything is written in one transaction with client-assigned ids ({@code PUT Type/id}), so
 * loading twice updates the same resources (new versions, new appointment times) instead of
 * duplicating them.
 */
public final class DemoData {

  /** Time zone of a Patient, Location or Organization; valueCode is an IANA zone. */
  public static final String TIMEZONE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/timezone";
  /** Language codes (BCP 47) in {@code Patient.communication.language}. */
  public static final String BCP47 = "urn:ietf:bcp:47";
  /** Identifier system of the demo medical record numbers. */
  public static final String MRN_SYSTEM = "https://careloop.health/fhir/sid/demo-mrn";

  private static final String ICD_10 = "http://hl7.org/fhir/sid/icd-10";
  private static final String ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
  private static final String CONDITION_CLINICAL = "http://terminology.hl7.org/CodeSystem/condition-clinical";
  private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
  private static final String ROLE_CODE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
  private static final String APPOINTMENT_TYPE = "http://terminology.hl7.org/CodeSystem/v2-0276";
  private static final String PRACTITIONER_ROLE_TYPE =
      "http://terminology.hl7.org/CodeSystem/v3-ParticipationType";

  private DemoData() {}

  /**
   * What {@link #load} created: ids without type or version (e.g. {@code demo-patient-amelie}),
   * usable with {@code client.read().resource(Patient.class).withId(id)} or as
   * {@code "Patient/" + id} in references. Appointments are in order of start; the first two start
   * 2 and 4 minutes after {@code clock.instant()}. The visit (Encounter) finished almost four hours
   * before {@code clock.instant()}: its first follow-up, due four hours after its end, goes out a
   * minute after the demo starts.
   */
  public record Loaded(List<String> patientIds, List<String> appointmentIds, List<String> encounterIds) {
    public Loaded {
      patientIds = List.copyOf(patientIds);
      appointmentIds = List.copyOf(appointmentIds);
      encounterIds = List.copyOf(encounterIds);
    }
  }

  /** Loads demo data through the FHIR client and returns what it created. */
  public static Loaded load(IGenericClient ehr, Clock clock) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Bundle tx = new Bundle().setType(BundleType.TRANSACTION);

    Organization org = new Organization();
    org.setId("demo-org-careloop");
    org.setActive(true);
    org.setName("Harbourview Health Partners");
    timezone(org, "Europe/London");
    org.addTelecom(contact(ContactPointSystem.PHONE, "+44 20 7946 0000", null, ContactPointUse.WORK));
    put(tx, org);

    Location london = location("demo-location-london", "Harbourview Clinic - Northgate",
        "Europe/London", "12 Northgate Row", "London", "N1 9ZZ", "GB", "+44 20 7946 0012");
    Location montreal = location("demo-location-montreal", "Clinique Harbourview - Plateau",
        "America/Montreal", "4500 rue Fictive", "Montréal", "H2T 0A0", "CA", "+1 514 555 0142");
    put(tx, london);
    put(tx, montreal);

    Practitioner moreau = practitioner("demo-practitioner-moreau", "Moreau", "Claire", "Dr");
    Practitioner reyes = practitioner("demo-practitioner-reyes", "Reyes", "Daniel", "Dr");
    Practitioner lindqvist = practitioner("demo-practitioner-lindqvist", "Lindqvist", "Hanna", null);
    put(tx, moreau);
    put(tx, reyes);
    put(tx, lindqvist);

    List<Patient> patients = new ArrayList<>();
    // French, in Paris: SMS first, e-mail second.
    Patient amelie = patient("demo-patient-amelie", "Durand", "Amélie", AdministrativeGender.FEMALE,
        "1984-03-12", "fr", "Europe/Paris");
    amelie.addTelecom(contact(ContactPointSystem.SMS, "+33 6 39 98 12 34", 1, ContactPointUse.MOBILE));
    amelie.addTelecom(contact(ContactPointSystem.EMAIL, "amelie.durand@example.org", 2, ContactPointUse.HOME));
    patients.add(amelie);
    // American English (dates the US way), in New York: SMS first, e-mail second.
    Patient james = patient("demo-patient-james", "Okafor", "James", AdministrativeGender.MALE,
        "1971-11-02", "en-US", "America/New_York");
    james.addTelecom(contact(ContactPointSystem.SMS, "+1 212 555 0187", 1, ContactPointUse.MOBILE));
    james.addTelecom(contact(ContactPointSystem.EMAIL, "j.okafor@example.com", 2, ContactPointUse.HOME));
    patients.add(james);
    // Canadian French, in Montreal: prefers e-mail (rank 1) over SMS (rank 2).
    Patient sophie = patient("demo-patient-sophie", "Tremblay", "Sophie", AdministrativeGender.FEMALE,
        "1992-06-25", "fr-CA", "America/Montreal");
    sophie.addTelecom(contact(ContactPointSystem.EMAIL, "sophie.tremblay@example.org", 1, ContactPointUse.HOME));
    sophie.addTelecom(contact(ContactPointSystem.SMS, "+1 514 555 0123", 2, ContactPointUse.MOBILE));
    patients.add(sophie);
    // Spanish, no time zone on the patient (falls back to the Location/Organization): e-mail only.
    Patient lucia = patient("demo-patient-lucia", "Fernández", "Lucía", AdministrativeGender.FEMALE,
        "1965-01-30", "es", null);
    lucia.addTelecom(contact(ContactPointSystem.EMAIL, "lucia.fernandez@example.com", null, ContactPointUse.HOME));
    patients.add(lucia);
    // English, in London: no telecom at all (only the EHR's portal can reach him).
    Patient oliver = patient("demo-patient-oliver", "Whitfield", "Oliver", AdministrativeGender.MALE,
        "1958-09-14", "en", "Europe/London");
    patients.add(oliver);
    // No language, no time zone, SMS without rank plus a landline.
    Patient priya = patient("demo-patient-priya", "Raman", "Priya", AdministrativeGender.FEMALE,
        "2001-04-08", null, null);
    priya.addTelecom(contact(ContactPointSystem.SMS, "+44 7700 900461", null, ContactPointUse.MOBILE));
    priya.addTelecom(contact(ContactPointSystem.PHONE, "+44 20 7946 0461", null, ContactPointUse.HOME));
    patients.add(priya);
    // A child in London (nine years old whenever the demo runs) with no telecom of their own: the
    // messages go to his mother instead (careloop.recipients.minors: guardians-instead).
    Patient noah = patient("demo-patient-noah", "Whitfield", "Noah", AdministrativeGender.MALE,
        now.atZone(ZoneOffset.UTC).toLocalDate().minusYears(9).toString(), "en", "Europe/London");
    patients.add(noah);
    for (Patient p : patients) {
      p.setManagingOrganization(ref(org));
      put(tx, p);
    }
    RelatedPerson grace = new RelatedPerson();
    grace.setId("demo-related-grace");
    grace.setActive(true);
    grace.setPatient(ref(noah));
    grace.addRelationship(new CodeableConcept(new Coding(ROLE_CODE, "MTH", "mother")));
    grace.addName(new HumanName().setFamily("Whitfield").addGiven("Grace"));
    grace.addTelecom(contact(ContactPointSystem.SMS, "+44 7700 900777", 1, ContactPointUse.MOBILE));
    put(tx, grace);

    List<Appointment> appointments = List.of(
        // Soon: a reminder 90 s before start shows up within about 2 minutes of start-up.
        appointment("demo-appointment-1", amelie, moreau, london, now.plus(Duration.ofMinutes(2)), 20,
            "FOLLOWUP", "Follow-up consultation"),
        appointment("demo-appointment-2", james, reyes, london, now.plus(Duration.ofMinutes(4)), 15,
            "ROUTINE", "Routine check-up"),
        // James again the same day: one reminder lists both of his appointments.
        appointment("demo-appointment-8", james, lindqvist, london, now.plus(Duration.ofMinutes(8)), 15,
            "ROUTINE", "Blood pressure check"),
        // Noah's messages go to his mother.
        appointment("demo-appointment-9", noah, lindqvist, london, now.plus(Duration.ofMinutes(6)), 20,
            "CHECKUP", "Child health check"),
        // Over the next days, on the quarter hour.
        appointment("demo-appointment-3", sophie, reyes, montreal, later(now, 1, 9 * 60 + 30, montreal), 30,
            "CHECKUP", "Annual check-up"),
        appointment("demo-appointment-4", lucia, moreau, london, later(now, 2, 14 * 60, london), 20,
            "FOLLOWUP", "Blood test results"),
        appointment("demo-appointment-5", oliver, lindqvist, london, later(now, 3, 10 * 60 + 15, london), 45,
            "ROUTINE", "Physiotherapy session"),
        appointment("demo-appointment-6", priya, moreau, london, later(now, 4, 11 * 60 + 45, london), 20,
            "CHECKUP", "Vaccination"),
        appointment("demo-appointment-7", amelie, lindqvist, montreal, later(now, 5, 16 * 60, montreal), 30,
            "FOLLOWUP", "Physiotherapy follow-up"));
    appointments.forEach(a -> put(tx, a));

    // Amélie came to the emergency department with a broken wrist (ICD-10 S52.5, a fracture of the
    // lower end of the radius) and went home in a cast: the emergency-discharge and fracture items of
    // the follow-up library both apply, and their evening messages go as one.
    Condition wrist = new Condition();
    wrist.setId("demo-condition-wrist");
    wrist.setSubject(ref(amelie));
    wrist.getCode().addCoding(new Coding(ICD_10, "S52.5", "Fracture of lower end of radius"));
    wrist.getClinicalStatus().addCoding(new Coding(CONDITION_CLINICAL, "active", null));
    wrist.getVerificationStatus().addCoding(new Coding(CONDITION_VERIFICATION, "confirmed", null));
    put(tx, wrist);
    // Her GP referred her to physiotherapy five days ago and nobody has booked it: overdue open work,
    // so Dr Moreau, who saw her, gets a summary (urgent) when the visit is recorded as finished.
    ServiceRequest physio = new ServiceRequest();
    physio.setId("demo-referral-physio");
    physio.setStatus(ServiceRequest.ServiceRequestStatus.ACTIVE);
    physio.setIntent(ServiceRequest.ServiceRequestIntent.ORDER);
    physio.addCategory(new CodeableConcept(new Coding("http://snomed.info/sct", "3457005", "Patient referral")));
    physio.setCode(new CodeableConcept().setText("Physiotherapy referral"));
    physio.setSubject(ref(amelie));
    physio.setAuthoredOn(Date.from(now.minus(Duration.ofDays(5))));
    put(tx, physio);
    Instant visitEnd = now.minus(Duration.ofHours(4)).plus(Duration.ofMinutes(1));
    Encounter emergency = new Encounter();
    emergency.setId("demo-encounter-1");
    emergency.setStatus(Encounter.EncounterStatus.FINISHED);
    emergency.setClass_(new Coding(ACT_CODE, "EMER", "emergency"));
    emergency.setSubject(ref(amelie));
    emergency.getPeriod().setStart(Date.from(visitEnd.minus(Duration.ofHours(3)))).setEnd(Date.from(visitEnd));
    emergency.addParticipant().addType(new CodeableConcept(new Coding(PRACTITIONER_ROLE_TYPE, "PPRF", "primary performer")))
        .setIndividual(ref(moreau));
    emergency.addDiagnosis().setCondition(ref(wrist));
    emergency.addLocation().setLocation(ref(london));
    put(tx, emergency);

    Bundle response = ehr.transaction().withBundle(tx).execute();
    if (response.getEntry().size() != tx.getEntry().size()) {
      throw new IllegalStateException("Demo data transaction answered " + response.getEntry().size()
          + " entries for " + tx.getEntry().size());
    }
    return new Loaded(
        patients.stream().map(p -> p.getIdElement().getIdPart()).toList(),
        appointments.stream().map(a -> a.getIdElement().getIdPart()).toList(),
        List.of(emergency.getIdElement().getIdPart()));
  }

  /** {@code days} days after {@code now}, at {@code minuteOfDay} minutes past midnight UTC. */
  /** {@code days} ahead, at {@code minuteOfDay} local time of the Location (clinic hours where it is). */
  private static Instant later(Instant now, int days, int minuteOfDay, Location location) {
    ZoneId zone = ZoneId.of(((CodeType) location.getExtensionByUrl(TIMEZONE_EXTENSION).getValue()).getValue());
    return now.atZone(zone).toLocalDate().plusDays(days).atStartOfDay(zone).plusMinutes(minuteOfDay).toInstant();
  }

  private static void put(Bundle tx, Resource resource) {
    String url = resource.fhirType() + "/" + resource.getIdElement().getIdPart();
    tx.addEntry().setFullUrl(url).setResource(resource).getRequest().setMethod(HTTPVerb.PUT).setUrl(url);
  }

  private static Reference ref(Resource resource) {
    return new Reference(resource.fhirType() + "/" + resource.getIdElement().getIdPart());
  }

  private static void timezone(DomainResource resource, String zone) {
    resource.addExtension(TIMEZONE_EXTENSION, new CodeType(zone));
  }

  private static ContactPoint contact(ContactPointSystem system, String value, Integer rank, ContactPointUse use) {
    ContactPoint cp = new ContactPoint().setSystem(system).setValue(value).setUse(use);
    if (rank != null) {
      cp.setRank(rank);
    }
    return cp;
  }

  private static Patient patient(String id, String family, String given, AdministrativeGender gender,
      String birthDate, String language, String zone) {
    Patient p = new Patient();
    p.setId(id);
    p.setActive(true);
    p.addIdentifier(new Identifier().setSystem(MRN_SYSTEM).setValue(id.replace("demo-patient-", "MRN-")));
    p.addName(new HumanName().setUse(HumanName.NameUse.OFFICIAL).setFamily(family).addGiven(given));
    p.setGender(gender);
    p.setBirthDateElement(new DateType(birthDate));
    if (language != null) {
      p.addCommunication()
          .setLanguage(new CodeableConcept(new Coding(BCP47, language, null)))
          .setPreferred(true);
    }
    if (zone != null) {
      timezone(p, zone);
    }
    return p;
  }

  private static Practitioner practitioner(String id, String family, String given, String prefix) {
    Practitioner p = new Practitioner();
    p.setId(id);
    p.setActive(true);
    HumanName name = p.addName().setFamily(family).addGiven(given);
    if (prefix != null) {
      name.addPrefix(prefix);
    }
    return p;
  }

  private static Location location(String id, String name, String zone, String line, String city,
      String postalCode, String country, String phone) {
    Location l = new Location();
    l.setId(id);
    l.setStatus(Location.LocationStatus.ACTIVE);
    l.setName(name);
    l.setAddress(new Address().addLine(line).setCity(city).setPostalCode(postalCode).setCountry(country));
    l.addTelecom(contact(ContactPointSystem.PHONE, phone, null, ContactPointUse.WORK));
    l.setManagingOrganization(new Reference("Organization/demo-org-careloop"));
    timezone(l, zone);
    return l;
  }

  private static Appointment appointment(String id, Patient patient, Practitioner practitioner,
      Location location, Instant start, int minutes, String typeCode, String description) {
    Appointment a = new Appointment();
    a.setId(id);
    a.setStatus(AppointmentStatus.BOOKED);
    a.setAppointmentType(new CodeableConcept(new Coding(APPOINTMENT_TYPE, typeCode, null)));
    a.setDescription(description);
    a.setStart(Date.from(start));
    a.setEnd(Date.from(start.plus(Duration.ofMinutes(minutes))));
    a.setMinutesDuration(minutes);
    a.addParticipant().setActor(ref(patient)).setRequired(ParticipantRequired.REQUIRED)
        .setStatus(ParticipationStatus.ACCEPTED);
    a.addParticipant().setActor(ref(practitioner)).setRequired(ParticipantRequired.REQUIRED)
        .setStatus(ParticipationStatus.ACCEPTED)
        .addType(new CodeableConcept(new Coding(PRACTITIONER_ROLE_TYPE, "PPRF", "primary performer")));
    a.addParticipant().setActor(ref(location)).setRequired(ParticipantRequired.REQUIRED)
        .setStatus(ParticipationStatus.ACCEPTED);
    return a;
  }
}
