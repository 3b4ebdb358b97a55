package health.careloop.ehr;

import health.careloop.rules.ContactPoint;
import health.careloop.rules.Recipient;
import java.time.LocalDate;
import java.time.Year;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;

/** FHIR Patient → {@link Recipient}: the only place that reads Patient fields for messaging. */
public final class RecipientTranslator {

  private RecipientTranslator() {}

  public static Recipient toRecipient(Patient patient) {
    return new Recipient(
        patient.getIdElement().getIdPart(),
        givenName(patient),
        languages(patient),
        FhirExtensions.timeZone(patient),
        isDeceased(patient),
        telecom(patient.getTelecom()),
        birthDate(patient));
  }

  static List<ContactPoint> telecom(List<org.hl7.fhir.r4.model.ContactPoint> telecom) {
    return telecom.stream().filter(org.hl7.fhir.r4.model.ContactPoint::hasSystem)
        .map(RecipientTranslator::contactPoint).toList();
  }

  private static ContactPoint contactPoint(org.hl7.fhir.r4.model.ContactPoint telecom) {
    return new ContactPoint(
        telecom.getSystem().toCode(),
        telecom.getUse() == org.hl7.fhir.r4.model.ContactPoint.ContactPointUse.MOBILE,
        telecom.hasRank() ? telecom.getRank() : null,
        telecom.hasPeriod() && telecom.getPeriod().hasEnd() ? telecom.getPeriod().getEnd().toInstant() : null);
  }

  /** A language someone reads, as Patient.communication and RelatedPerson.communication record it. */
  record Spoken(CodeableConcept language, boolean preferred) {}

  /** Preferred languages first, then the others in the EHR's order. */
  static List<String> languages(Patient patient) {
    return languages(patient.getCommunication().stream()
        .map(c -> new Spoken(c.getLanguage(), c.getPreferred())).toList());
  }

  static List<String> languages(List<Spoken> spoken) {
    return spoken.stream()
        .sorted(Comparator.comparing((Spoken s) -> !s.preferred()))
        .map(s -> languageTag(s.language()))
        .filter(tag -> tag != null && !tag.isBlank())
        .toList();
  }

  private static String languageTag(CodeableConcept language) {
    return language.getCoding().stream().map(Coding::getCode).filter(c -> c != null && !c.isBlank())
        .findFirst().orElse(null);
  }

  private static String givenName(Patient patient) {
    return patient.getName().stream()
        .filter(n -> n.getUse() == null || n.getUse() == HumanName.NameUse.OFFICIAL
            || n.getUse() == HumanName.NameUse.USUAL)
        .sorted(Comparator.comparing((HumanName n) -> n.getUse() != HumanName.NameUse.USUAL))
        .filter(HumanName::hasGiven)
        .map(n -> n.getGiven().get(0).getValue())
        .findFirst().orElse(null);
  }

  /**
   * The birth date as a calendar date. A partial date ({@code 2012}, {@code 2012-05}) is read as
   * the last day it may mean: the youngest the patient may be, so that a child whose record only
   * has the year is still taken for a minor (their messages go to a guardian).
   */
  static Optional<LocalDate> birthDate(Patient patient) {
    String value = patient.getBirthDateElement().getValueAsString();
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(switch (value.length()) {
        case 4 -> Year.parse(value).atMonth(12).atEndOfMonth();
        case 7 -> YearMonth.parse(value).atEndOfMonth();
        default -> LocalDate.parse(value.substring(0, 10));
      });
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static boolean isDeceased(Patient patient) {
    if (patient.hasDeceasedBooleanType()) {
      return patient.getDeceasedBooleanType().booleanValue();
    }
    return patient.hasDeceasedDateTimeType();
  }
}
