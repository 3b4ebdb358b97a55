package health.careloop.reminders.internal;

import health.careloop.config.ComposeProperties;
import health.careloop.ehr.RecipientDirectory;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.Recipient;
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
 * in: the Patient's own, else the Location's (or its Organization's), else the configured default.
 */
@Component
public class ReachablePatients {

  private static final Logger log = LoggerFactory.getLogger(ReachablePatients.class);

  private final RecipientDirectory directory;
  private final ZoneId defaultZone;

  ReachablePatients(RecipientDirectory directory, ComposeProperties compose) {
    this.directory = directory;
    this.defaultZone = compose.defaultTimeZone();
  }

  public Map<String, ZoneId> of(AppointmentSnapshot appointment) {
    Map<String, ZoneId> reachable = new LinkedHashMap<>();
    Optional<ZoneId> locationZone = appointment.patientIds().isEmpty()
        ? Optional.empty() : directory.zoneOfLocation(appointment.locationId());
    for (String patientId : appointment.patientIds()) {
      Optional<Recipient> patient = directory.patient(patientId);
      if (patient.isEmpty()) {
        log.warn("Appointment/{}: Patient/{} is not in the EHR; nothing planned for them", appointment.id(), patientId);
      } else if (patient.get().deceased()) {
        log.info("Appointment/{}: Patient/{} is recorded as deceased; nothing planned for them", appointment.id(), patientId);
      } else {
        reachable.put(patientId, TimeZoneChoice.choose(patient.get().timeZone(), locationZone, defaultZone));
      }
    }
    return reachable;
  }
}
