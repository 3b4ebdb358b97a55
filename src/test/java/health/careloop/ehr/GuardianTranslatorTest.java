package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.rules.Guardian;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.junit.jupiter.api.Test;

class GuardianTranslatorTest {

  private static final String ROLE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";
  private static final String SECRET = "test-contact-key-secret-0123456789abcdef";
  private static final ContactKeys KEYS = new ContactKeys(new ContactKeyProperties(SECRET));
  /** How the name "Sam Test" of {@link #patientWithContacts} is written before it is keyed. */
  private static final String NAME_AS_KEYED = "test|sam|null";

  @Test
  void relatedPerson_givesRelationshipsLanguagesAndTelecomKinds() {
    RelatedPerson mother = new RelatedPerson();
    mother.setId("RelatedPerson/r1/_history/3");
    mother.setPatient(new Reference("Patient/p1"));
    mother.addRelationship(new CodeableConcept(new Coding(ROLE, "MTH", null)));
    mother.addName().addGiven("Camille");
    mother.addCommunication().setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", "en", null)));
    mother.addCommunication().setPreferred(true)
        .setLanguage(new CodeableConcept(new Coding("urn:ietf:bcp:47", "fr", null)));
    mother.addTelecom().setSystem(ContactPointSystem.SMS).setValue("+15550100");

    Guardian guardian = GuardianTranslator.fromRelatedPerson(mother);

    assertThat(guardian.reference()).isEqualTo("RelatedPerson/r1");
    assertThat(guardian.givenName()).isEqualTo("Camille");
    assertThat(guardian.relationships()).containsExactly(ROLE + "|MTH");
    assertThat(guardian.languages()).containsExactly("fr", "en");
    assertThat(guardian.telecom()).singleElement().satisfies(t -> assertThat(t.channel()).isEqualTo("sms"));
  }

  @Test
  void patientContact_isKnownByItsName_notItsPosition_norItsNumber() {
    Patient patient = patientWithContacts("Sam", "Robin");
    String sam = GuardianTranslator.fromContact("p1", patient.getContactFirstRep(), KEYS).reference();

    Patient reordered = patientWithContacts("Robin", "Sam");
    reordered.getContact().get(1).getTelecomFirstRep().setValue("+15550199");

    assertThat(sam).startsWith("Patient/p1#contact-").doesNotContain("Sam");
    assertThat(GuardianTranslator.fromContact("p1", reordered.getContact().get(1), KEYS).reference()).isEqualTo(sam);
    assertThat(GuardianTranslator.fromContact("p1", reordered.getContact().get(0), KEYS).reference()).isNotEqualTo(sam);
  }

  @Test
  void patientContactsKey_isNotThePlainSha256OfTheirName_whichAListOfCommonNamesWouldReveal() throws Exception {
    Patient patient = patientWithContacts("Sam");
    String key = contactKey(GuardianTranslator.fromContact("p1", patient.getContactFirstRep(), KEYS).reference());

    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(NAME_AS_KEYED.getBytes(StandardCharsets.UTF_8)));
    assertThat(sha256).doesNotStartWith(key);
    Mac hmac = Mac.getInstance("HmacSHA256");
    hmac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(HexFormat.of().formatHex(hmac.doFinal(NAME_AS_KEYED.getBytes(StandardCharsets.UTF_8))))
        .as("HMAC-SHA256 of the name under the installation's secret").startsWith(key);
  }

  @Test
  void patientContactsKey_dependsOnTheInstallationsSecret() {
    Patient patient = patientWithContacts("Sam");
    ContactKeys otherInstallation = new ContactKeys(new ContactKeyProperties("another-installations-secret-0123456789"));

    assertThat(GuardianTranslator.fromContact("p1", patient.getContactFirstRep(), otherInstallation).reference())
        .isNotEqualTo(GuardianTranslator.fromContact("p1", patient.getContactFirstRep(), KEYS).reference());
  }

  @Test
  void patientContactWithAnElementId_isKnownByIt() {
    Patient patient = patientWithContacts("Sam");
    patient.getContactFirstRep().setId("guardian-1");

    assertThat(GuardianTranslator.fromContact("p1", patient.getContactFirstRep(), KEYS).reference())
        .isEqualTo("Patient/p1#contact-guardian-1");
  }

  @Test
  void partialBirthDates_areReadAsTheYoungestTheyMayMean() {
    assertThat(RecipientTranslator.birthDate(bornOn("2012"))).contains(LocalDate.of(2012, 12, 31));
    assertThat(RecipientTranslator.birthDate(bornOn("2012-02"))).contains(LocalDate.of(2012, 2, 29));
    assertThat(RecipientTranslator.birthDate(bornOn("2012-02-10"))).contains(LocalDate.of(2012, 2, 10));
    assertThat(RecipientTranslator.birthDate(new Patient())).isEmpty();
  }

  private static String contactKey(String reference) {
    return reference.substring(reference.indexOf(GuardianTranslator.CONTACT_MARK) + GuardianTranslator.CONTACT_MARK.length());
  }

  private static Patient bornOn(String date) {
    Patient patient = new Patient();
    patient.setBirthDateElement(new DateType(date));
    return patient;
  }

  private static Patient patientWithContacts(String... givenNames) {
    Patient patient = new Patient();
    patient.setId("Patient/p1");
    for (String given : givenNames) {
      patient.addContact()
          .addRelationship(new CodeableConcept(new Coding(ROLE, "GUARD", null)))
          .setName(new HumanName().setFamily("Test").addGiven(given))
          .addTelecom().setSystem(ContactPointSystem.PHONE).setValue("+15550100");
    }
    return patient;
  }
}
