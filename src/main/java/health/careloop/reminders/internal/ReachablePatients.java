package health.careloop.reminders.internal;

import health.careloop.config.ComposeProperties;
import health.careloop.ehr.RecipientDirectory;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.PreferredContact;
import health.careloop.rules.Reach;
import health.careloop.rules.Recipient;
import java.time.Clock;
import health.careloop.rules.TimeZoneChoice;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The appointment's patients who may be messaged, each with the time zone their messages are timed
 * in (the Patient's own, else the Location's or its Organization's, else the configured default)
 * and the channel they prefer (Patient.telecom: usable, lowest rank).
 */
@Component
public class ReachablePatients {

  private static final Logger log = LoggerFactory.getLogger(ReachablePatients.class);

  private final RecipientDirectory directory;
  private final ZoneId defaultZone;
  private final Clock clock;

  ReachablePatients(RecipientDirectory directory, ComposeProperties compose, Clock clock) {
    this.directory = directory;
    this.defaultZone = compose.defaultTimeZone();
    this.clock = clock;
  }

  public Map<String, Reach> of(AppointmentSnapshot appointment) {
    Map<String, Reach> reachable = new LinkedHashMap<>();
    Optional<ZoneId> locationZone = appointment.patientIds().isEmpty()
        ? Optional.empty() : directory.zoneOfLocation(appointment.locationId());
    for (String patientId : appointment.patientIds()) {
      Optional<Recipient> patient = directory.patient(patientId);
      if (patient.isEmpty()) {
        log.warn("Appointment/{}: Patient/{} is not in the EHR; nothing planned for them", appointment.id(), patientId);
      } else if (patient.get().deceased()) {
        log.info("Appointment/{}: Patient/{} is recorded as deceased; nothing planned for them", appointment.id(), patientId);
      } else {
        reachable.put(patientId, new Reach(TimeZoneChoice.choose(patient.get().timeZone(), locationZone, defaultZone),
            PreferredContact.channel(patient.get().telecom(), clock.instant())));
      }
    }
    return reachable;
  }
}
