package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.rules.Guardian;
import java.time.LocalDate;
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
    String sam = GuardianTranslator.fromContact("p1", patient.getContactFirstRep()).reference();

    Patient reordered = patientWithContacts("Robin", "Sam");
    reordered.getContact().get(1).getTelecomFirstRep().setValue("+15550199");

    assertThat(sam).startsWith("Patient/p1#contact-").doesNotContain("Sam");
    assertThat(GuardianTranslator.fromContact("p1", reordered.getContact().get(1)).reference()).isEqualTo(sam);
    assertThat(GuardianTranslator.fromContact("p1", reordered.getContact().get(0)).reference()).isNotEqualTo(sam);
  }

  @Test
  void partialBirthDates_areReadAsTheYoungestTheyMayMean() {
    assertThat(RecipientTranslator.birthDate(bornOn("2012"))).contains(LocalDate.of(2012, 12, 31));
    assertThat(RecipientTranslator.birthDate(bornOn("2012-02"))).contains(LocalDate.of(2012, 2, 29));
    assertThat(RecipientTranslator.birthDate(bornOn("2012-02-10"))).contains(LocalDate.of(2012, 2, 10));
    assertThat(RecipientTranslator.birthDate(new Patient())).isEmpty();
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
