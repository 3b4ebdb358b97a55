package health.careloop.rules;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/**
 * Who a message goes to, as far as writing it is concerned.
 *
 * @param patientId logical id of the Patient
 * @param givenName how to address them; null when the EHR has no name
 * @param languages BCP 47 tags from Patient.communication, preferred first; may be empty
 * @param timeZone their own time zone when the EHR records one
 * @param deceased the EHR says they have died
 * @param telecom how they can be reached (kinds only, not the numbers)
 * @param birthDate when the EHR records it (decides whether they are a minor)
 */
public record Recipient(String patientId, String givenName, List<String> languages,
    Optional<ZoneId> timeZone, boolean deceased, List<ContactPoint> telecom, Optional<LocalDate> birthDate) {

  public Recipient {
    languages = List.copyOf(languages);
    telecom = List.copyOf(telecom);
  }
}
