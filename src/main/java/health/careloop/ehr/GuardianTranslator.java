package health.careloop.ehr;

import health.careloop.rules.Guardian;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
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
  static Guardian fromContact(String patientId, ContactComponent contact) {
    return new Guardian(contactReference(patientId, contact),
        contact.hasName() ? givenName(List.of(contact.getName())) : null,
        codes(contact.getRelationship()),
        List.of(),
        RecipientTranslator.telecom(contact.getTelecom()));
  }

  /**
   * A Patient.contact entry has no id of its own: it is known by its element id when the EHR gives
   * one, else by a digest of its name (stable when its telecom is corrected, so a pending reminder
   * still finds its recipient; a new name is a new person). Not reversible: keys are not patient data.
   */
  static String contactReference(String patientId, ContactComponent contact) {
    String key = contact.hasId() ? contact.getId() : digest(contact.hasName() ? contact.getName() : new HumanName());
    return "Patient/" + patientId + CONTACT_MARK + key;
  }

  private static String digest(HumanName name) {
    String text = (name.getFamily() + "|" + name.getGivenAsSingleString() + "|" + name.getText())
        .toLowerCase(Locale.ROOT).strip();
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private static List<String> codes(List<CodeableConcept> concepts) {
    return List.copyOf(AppointmentTranslator.codes(concepts));
  }

  private static String givenName(List<HumanName> names) {
    return names.stream().filter(HumanName::hasGiven).map(n -> n.getGiven().get(0).getValue()).findFirst().orElse(null);
  }
}
