package health.careloop.reminders.internal;

import health.careloop.config.ComposeProperties;
import health.careloop.config.RecipientProperties;
import health.careloop.ehr.RecipientDirectory;
import health.careloop.rules.Addressee;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.Guardian;
import health.careloop.rules.GuardianPolicy;
import health.careloop.rules.PreferredContact;
import health.careloop.rules.Reach;
import health.careloop.rules.Recipient;
import health.careloop.rules.TimeZoneChoice;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The appointment's patients who may be messaged, each with the time zone their messages are timed
 * in (the Patient's own, else the Location's or its Organization's, else the configured default)
 * and who receives them: the patient, their guardians, or both ({@link GuardianPolicy}), each
 * with the channel they prefer (telecom: usable, lowest rank).
 */
@Component
public class ReachablePatients {

  private static final Logger log = LoggerFactory.getLogger(ReachablePatients.class);

  private final RecipientDirectory directory;
  private final ZoneId defaultZone;
  private final GuardianPolicy guardians;
  private final Clock clock;

  ReachablePatients(RecipientDirectory directory, ComposeProperties compose, RecipientProperties recipients, Clock clock) {
    this.directory = directory;
    this.defaultZone = compose.defaultTimeZone();
    this.guardians = recipients.policy();
    this.clock = clock;
  }

  /** Empty, without reading the EHR, when the appointment's state has nothing to say to anyone. */
  public Map<String, Reach> of(AppointmentSnapshot appointment) {
    if (!appointment.status().hasMessages()) {
      return Map.of();
    }
    Map<String, Reach> reachable = new LinkedHashMap<>();
    Optional<ZoneId> locationZone = appointment.patientIds().isEmpty()
        ? Optional.empty() : directory.zoneOfLocation(appointment.locationId());
    Instant now = clock.instant();
    for (String patientId : appointment.patientIds()) {
      Optional<Recipient> patient = directory.patient(patientId);
      if (patient.isEmpty()) {
        log.warn("Appointment/{}: Patient/{} is not in the EHR; nothing planned for them", appointment.id(), patientId);
      } else if (patient.get().deceased()) {
        log.info("Appointment/{}: Patient/{} is recorded as deceased; nothing planned for them", appointment.id(), patientId);
      } else {
        ZoneId zone = TimeZoneChoice.choose(patient.get().timeZone(), locationZone, defaultZone);
        reachable.put(patientId, new Reach(zone, addressees(patient.get(), now, zone)));
      }
    }
    return reachable;
  }

  private List<Addressee> addressees(Recipient patient, Instant now, ZoneId zone) {
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
    return addressees;
  }
}
