package health.careloop.writeback;

import health.careloop.rules.Guardian;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;

/** How what CareLoop writes refers to a guardian of the patient. */
final class GuardianReferences {

  private GuardianReferences() {}

  /**
   * A RelatedPerson is referred to; a Patient.contact entry has no resource of its own, so it is
   * carried in {@code holder} as a contained RelatedPerson (relationship and given name only).
   */
  static Reference to(DomainResource holder, String patientId, Guardian guardian) {
    if (guardian.reference().startsWith("RelatedPerson/")) {
      return new Reference(guardian.reference());
    }
    RelatedPerson contact = new RelatedPerson();
    contact.setId("guardian");
    contact.setPatient(new Reference("Patient/" + patientId));
    guardian.relationships().forEach(code -> {
      int bar = code.lastIndexOf('|');
      contact.addRelationship(new CodeableConcept(bar < 0 ? new Coding().setCode(code)
          : new Coding().setSystem(code.substring(0, bar)).setCode(code.substring(bar + 1))));
    });
    if (guardian.givenName() != null) {
      contact.addName().addGiven(guardian.givenName());
    }
    holder.addContained(contact);
    return new Reference("#guardian");
  }
}
