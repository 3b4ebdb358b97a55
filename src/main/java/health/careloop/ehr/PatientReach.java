package health.careloop.ehr;

import health.careloop.config.ComposeProperties;
import health.careloop.config.RecipientProperties;
import health.careloop.rules.Addressee;
import health.careloop.rules.Guardian;
import health.careloop.rules.GuardianPolicy;
import health.careloop.rules.PreferredContact;
import health.careloop.rules.Reach;
import health.careloop.rules.Recipient;
import health.careloop.rules.TimeZoneChoice;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * How a patient is reached, for every feature that plans messages: the time zone their messages are
 * timed in (the Patient's own, else the place's — the Location or its Organization — else the
 * configured default) and who receives them: the patient, their guardians, or both
 * ({@link GuardianPolicy}), each with the channel they prefer (telecom: usable, lowest rank).
 */
@Component
public class PatientReach {

  private final RecipientDirectory directory;
  private final ZoneId defaultZone;
  private final GuardianPolicy guardians;

  PatientReach(RecipientDirectory directory, ComposeProperties compose, RecipientProperties recipients) {
    this.directory = directory;
    this.defaultZone = compose.defaultTimeZone();
    this.guardians = recipients.policy();
  }

  /** The time zone of someone whose own zone and place's zone may be unknown. */
  public ZoneId zone(Optional<ZoneId> own, Optional<ZoneId> placeZone) {
    return TimeZoneChoice.choose(own, placeZone, defaultZone);
  }

  /** How {@code patient} (not deceased: the caller checks) is reached at {@code now}. */
  public Reach of(Recipient patient, Optional<ZoneId> placeZone, Instant now) {
    ZoneId zone = zone(patient.timeZone(), placeZone);
    GuardianPolicy.Recipients recipients = guardians.recipients(patient.birthDate().orElse(null),
        guardians.mayChooseGuardians() ? directory.contactsOf(patient.patientId(), now) : List.of(),
        now.atZone(zone).toLocalDate());
    List<Addressee> addressees = new ArrayList<>();
    if (recipients.patient()) {
      addressees.add(Addressee.patient(PreferredContact.channel(patient.telecom(), now)));
    }
    for (Guardian guardian : recipients.guardians()) {
      addressees.add(Addressee.guardian(guardian.reference(), PreferredContact.channel(guardian.telecom(), now)));
    }
    return new Reach(zone, addressees);
  }
}
