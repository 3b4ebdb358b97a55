package health.careloop.ehr;

import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.RelatedPerson;

/**
 * A Patient as the EHR holds it now, with what a message about them is checked against just before
 * it goes out: their active Consents and the RelatedPersons that name them.
 *
 * @param patient empty when the EHR no longer has the Patient (then the lists are empty too)
 * @param activeConsents every Consent of the patient whose status is {@code active}
 * @param relatedPersons every RelatedPerson of the patient, active or not, current or not
 */
public record PatientSurroundings(Optional<Patient> patient, List<Consent> activeConsents,
    List<RelatedPerson> relatedPersons) {

  static PatientSurroundings gone() {
    return new PatientSurroundings(Optional.empty(), List.of(), List.of());
  }
}
