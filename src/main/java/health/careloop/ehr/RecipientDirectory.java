package health.careloop.ehr;

import health.careloop.rules.ConsentProvision;
import health.careloop.rules.FamilyPermission;
import health.careloop.rules.MessageKind;
import health.careloop.rules.OptOut;
import health.careloop.rules.Recipient;
import health.careloop.rules.Guardian;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.RelatedPerson;
import java.util.Optional;
import org.hl7.fhir.r4.model.Location;
import org.springframework.stereotype.Component;

/**
 * What the EHR says about the people and places a message involves, in CareLoop's own terms:
 * the features never see a FHIR model.
 */
@Component
public class RecipientDirectory {

  private final EhrReader ehr;
  private final ContactKeys contactKeys;

  RecipientDirectory(EhrReader ehr, ContactKeys contactKeys) {
    this.ehr = ehr;
    this.contactKeys = contactKeys;
  }

  /** The patient, possibly as read up to {@code careloop.ehr.cache-ttl} ago: for planning. */
  public Optional<Recipient> patient(String patientId) {
    return ehr.patient(patientId).map(RecipientTranslator::toRecipient);
  }

  /** The patient as the EHR holds them now: for the last check before a message goes out. */
  public Optional<Recipient> patientNow(String patientId) {
    return ehr.patientNow(patientId).map(RecipientTranslator::toRecipient);
  }

  /**
   * The patient, their active Consents and the people related to them as the EHR holds them now,
   * read once ({@link EhrReader#patientWithSurroundings}) for every last check of one message.
   */
  public PatientAtSendTime patientAtSendTime(String patientId) {
    return new PatientAtSendTime(patientId, ehr.patientWithSurroundings(patientId), contactKeys);
  }

  /**
   * Everyone the EHR currently records around the patient (Patient.contact entries and
   * RelatedPersons that are active and whose period has not ended), guardians or not: the
   * {@link health.careloop.rules.GuardianPolicy} decides who counts. The Patient.contact entries
   * come from the Patient as last read. For planning: at send time, {@link PatientAtSendTime#contacts}
   * answers from the Patient and RelatedPersons read for the message.
   */
  public List<Guardian> contactsOf(String patientId, Instant now) {
    return contacts(patientId, ehr.patient(patientId), ehr.relatedPersons(patientId), contactKeys, now);
  }

  static List<Guardian> contacts(String patientId, Optional<Patient> patient, List<RelatedPerson> relatedPersons,
      ContactKeys contactKeys, Instant now) {
    List<Guardian> contacts = new ArrayList<>(patient.stream()
        .flatMap(p -> p.getContact().stream())
        .filter(contact -> current(contact.getPeriod(), now))
        .map(contact -> GuardianTranslator.fromContact(patientId, contact, contactKeys))
        .toList());
    relatedPersons.stream()
        .filter(person -> isCurrent(person, now))
        .map(GuardianTranslator::fromRelatedPerson)
        .forEach(contacts::add);
    return contacts;
  }

  private static boolean isCurrent(RelatedPerson person, Instant now) {
    return (!person.hasActive() || person.getActive()) && current(person.getPeriod(), now);
  }

  private static boolean current(Period period, Instant now) {
    return period == null || !period.hasEnd() || period.getEnd().toInstant().isAfter(now);
  }

  /** The Location's time zone, else that of the Organization managing it. */
  public Optional<ZoneId> zoneOfLocation(String locationId) {
    return ofLocationElseItsOrganization(locationId, FhirExtensions::timeZone, FhirExtensions::timeZone);
  }

  /** What the Location says, else what the Organization managing it says. */
  private <T> Optional<T> ofLocationElseItsOrganization(String locationId,
      Function<Location, Optional<T>> fromLocation, Function<Organization, Optional<T>> fromOrganization) {
    Optional<Location> location = Optional.ofNullable(locationId).flatMap(ehr::location);
    return location.flatMap(fromLocation)
        .or(() -> location.filter(Location::hasManagingOrganization)
            .map(l -> l.getManagingOrganization().getReferenceElement().getIdPart())
            .flatMap(ehr::organization)
            .flatMap(fromOrganization));
  }

  /**
   * Whether the patient whose active Consents these are has opted out of this kind of message at
   * {@code at}: whether one of their active {@code Consent}s, its nested provisions and their periods read as FHIR R4 nests them
   * ({@link OptOut}), refuses the kind, named by its code in
   * {@code https://careloop.health/fhir/CodeSystem/message-kind} (docs/opt-out.md). A deny about
   * anything else (record sharing, research) is not read as an opt-out: silencing reminders by
   * mistake is a hazard too.
   */
  static boolean optedOut(List<Consent> activeConsents, MessageKind kind, Instant at) {
    return OptOut.refuses(activeConsents.stream()
        .map(ConsentTranslator::toProvision).flatMap(Optional::stream).toList(), kind, at);
  }

  /**
   * The people around the patient (RelatedPersons that are active and current) whom one of the
   * patient's active Consents permits to be told about them for {@code purpose} ({@code system|code})
   * at {@code at} ({@link FamilyPermission}, docs/family-updates.md). Read afresh each time: a
   * permission withdrawn a minute ago counts. At send time {@link PatientAtSendTime#permittedFamily}
   * answers the same from the Consents and RelatedPersons read for the message.
   */
  public List<Guardian> permittedFamily(String patientId, String purpose, Instant at) {
    return permitted(ehr.activeConsents(patientId), () -> ehr.relatedPersons(patientId), purpose, at);
  }

  /** The related persons are asked for only when a Consent could permit one of them. */
  static List<Guardian> permitted(List<Consent> activeConsents, Supplier<List<RelatedPerson>> relatedPersons,
      String purpose, Instant at) {
    List<ConsentProvision> consents = activeConsents.stream()
        .map(ConsentTranslator::toProvision).flatMap(Optional::stream).toList();
    if (consents.isEmpty()) {
      return List.of();
    }
    return relatedPersons.get().stream()
        .filter(person -> isCurrent(person, at))
        .map(GuardianTranslator::fromRelatedPerson)
        .filter(person -> FamilyPermission.permits(consents, person.reference(), purpose, at))
        .toList();
  }

  /**
   * The phone number patients call about an appointment at this Location: the Location's own
   * (work, then any use), else its managing Organization's. A place's number, not a person's.
   */
  public Optional<String> phoneOfLocation(String locationId) {
    return ofLocationElseItsOrganization(locationId, l -> phone(l.getTelecom()), o -> phone(o.getTelecom()));
  }

  private static Optional<String> phone(java.util.List<org.hl7.fhir.r4.model.ContactPoint> telecom) {
    return telecom.stream()
        .filter(t -> t.getSystem() == org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE && t.hasValue())
        .sorted(java.util.Comparator.comparing(
            (org.hl7.fhir.r4.model.ContactPoint t) -> t.getUse() != org.hl7.fhir.r4.model.ContactPoint.ContactPointUse.WORK))
        .map(org.hl7.fhir.r4.model.ContactPoint::getValue)
        .findFirst();
  }

  public Optional<String> locationName(String locationId) {
    return Optional.ofNullable(locationId).flatMap(ehr::location).filter(Location::hasName).map(Location::getName);
  }
}
