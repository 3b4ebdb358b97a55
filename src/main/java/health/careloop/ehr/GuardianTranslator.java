package health.careloop.ehr;

import health.careloop.rules.Guardian;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient.ContactComponent;
import org.hl7.fhir.r4.model.RelatedPerson;

/**
 * FHIR {@code RelatedPerson} and {@code Patient.contact} → {@link Guardian}: the only place that
 * reads them. Whether one is a guardian is the policy's business; this reads what is recorded.
 */
public final class GuardianTranslator {

  static final String CONTACT_MARK = "#contact-";

  private GuardianTranslator() {}

  static Guardian fromRelatedPerson(RelatedPerson person) {
    return new Guardian("RelatedPerson/" + person.getIdElement().getIdPart(),
        givenName(person.getName()),
        codes(person.getRelationship()),
        RecipientTranslator.languages(person.getCommunication().stream()
            .map(c -> new RecipientTranslator.Spoken(c.getLanguage(), c.getPreferred())).toList()),
        RecipientTranslator.telecom(person.getTelecom()));
  }

  /** One of the patient's contacts (Patient.contact carries no language: the patient's is used). */
  static Guardian fromContact(String patientId, ContactComponent contact, ContactKeys keys) {
    return new Guardian(contactReference(patientId, contact, keys),
        contact.hasName() ? givenName(List.of(contact.getName())) : null,
        codes(contact.getRelationship()),
        List.of(),
        RecipientTranslator.telecom(contact.getTelecom()));
  }

  /**
   * A Patient.contact entry has no id of its own: it is known by its element id when the EHR gives
   * one, else by a key made from its name ({@link ContactKeys}: stable when its telecom is corrected
   * or the contacts are reordered, so a pending reminder still finds its recipient; a new name is a
   * new person).
   */
  static String contactReference(String patientId, ContactComponent contact, ContactKeys keys) {
    String key = contact.hasId() ? contact.getId() : keys.of(contact.hasName() ? contact.getName() : new HumanName());
    return "Patient/" + patientId + CONTACT_MARK + key;
  }

  private static List<String> codes(List<CodeableConcept> concepts) {
    return List.copyOf(AppointmentTranslator.codes(concepts));
  }

  private static String givenName(List<HumanName> names) {
    return names.stream().filter(HumanName::hasGiven).map(n -> n.getGiven().get(0).getValue()).findFirst().orElse(null);
  }
}
