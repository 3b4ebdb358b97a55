package health.careloop.rules;

import java.util.List;

/**
 * Someone the EHR records as looking after a patient (a {@code RelatedPerson}, or an entry of
 * {@code Patient.contact}), as far as messaging is concerned.
 *
 * @param reference how CareLoop refers to them: {@code RelatedPerson/<id>}, or
 *     {@code Patient/<id>#contact-<key>} for a Patient.contact entry (which has no id of its own)
 * @param givenName how to address them; null when the EHR has no name
 * @param relationships their relationships to the patient, as {@code system|code}
 * @param languages BCP 47 tags, preferred first; empty when the EHR records none (Patient.contact
 *     never does): the patient's languages are used then
 * @param telecom how they can be reached (kinds only, not the numbers)
 */
public record Guardian(String reference, String givenName, List<String> relationships, List<String> languages,
    List<ContactPoint> telecom) {

  public Guardian {
    relationships = List.copyOf(relationships);
    languages = List.copyOf(languages);
    telecom = List.copyOf(telecom);
  }
}
