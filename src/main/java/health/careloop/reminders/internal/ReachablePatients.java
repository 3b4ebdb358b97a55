package health.careloop.reminders.internal;

import health.careloop.ehr.PatientReach;
import health.careloop.ehr.RecipientDirectory;
import health.careloop.rules.Addressee;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.Reach;
import health.careloop.rules.Recipient;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
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
  private final PatientReach patientReach;
  private final Clock clock;

  ReachablePatients(RecipientDirectory directory, PatientReach patientReach, Clock clock) {
    this.directory = directory;
    this.patientReach = patientReach;
    this.clock = clock;
  }

  /**
   * The appointment's patients who may be messaged, and those the EHR does not have.
   *
   * @param reach how each patient who may be messaged is reached
   * @param notInEhr the Patient participants the EHR answered "not found" for
   */
  public record Found(Map<String, Reach> reach, List<String> notInEhr) {

    /** No patient read: nobody to message, nobody known to be missing. */
    public static final Found NOT_READ = new Found(Map.of(), List.of());

    public Found {
      reach = Collections.unmodifiableMap(new LinkedHashMap<>(reach));
      notInEhr = List.copyOf(notInEhr);
    }
  }

  /**
   * Read as planning reads (the Patient possibly as cached up to {@code careloop.ehr.cache-ttl}
   * ago). Empty, without reading the EHR, when the appointment's state has nothing to say to anyone.
   */
  public Found of(AppointmentSnapshot appointment) {
    if (!appointment.status().hasMessages()) {
      return Found.NOT_READ;
    }
    Map<String, Reach> reachable = new LinkedHashMap<>();
    List<String> notInEhr = new ArrayList<>();
    Optional<ZoneId> locationZone = appointment.patientIds().isEmpty()
        ? Optional.empty() : directory.zoneOfLocation(appointment.locationId());
    for (String patientId : appointment.patientIds()) {
      Lookup lookup = lookUp(appointment, patientId, directory.patient(patientId), locationZone);
      if (!lookup.inEhr()) {
        notInEhr.add(patientId);
      }
      lookup.reach().ifPresent(reach -> reachable.put(patientId, reach));
    }
    return new Found(reachable, notInEhr);
  }

  /**
   * What the EHR says of one Patient participant.
   *
   * @param inEhr false when the EHR has no such Patient
   * @param reach how they are reached; empty when they are not in the EHR or may not be messaged
   */
  record Lookup(boolean inEhr, Optional<Reach> reach) {}

  /** One Patient participant as the EHR holds them now: never a miss remembered from before. */
  Lookup afresh(AppointmentSnapshot appointment, String patientId) {
    return lookUp(appointment, patientId, directory.patientNow(patientId), directory.zoneOfLocation(appointment.locationId()));
  }

  /**
   * How a patient CareLoop could not read would have been reached: alone (their guardians are in
   * their record), with no known channel, in the Location's time zone or else the default.
   */
  Reach unread(AppointmentSnapshot appointment) {
    ZoneId zone = patientReach.zone(Optional.empty(), directory.zoneOfLocation(appointment.locationId()));
    return new Reach(zone, List.of(Addressee.patient(Optional.empty())));
  }

  private Lookup lookUp(AppointmentSnapshot appointment, String patientId, Optional<Recipient> patient,
      Optional<ZoneId> locationZone) {
    if (patient.isEmpty()) {
      log.info("Appointment/{}: Patient/{} is not in the EHR", appointment.id(), patientId);
      return new Lookup(false, Optional.empty());
    }
    if (patient.get().deceased()) {
      log.info("Appointment/{}: Patient/{} is recorded as deceased; nothing planned for them", appointment.id(), patientId);
      return new Lookup(true, Optional.empty());
    }
    return new Lookup(true, Optional.of(patientReach.of(patient.get(), locationZone, clock.instant())));
  }
}
