package health.careloop.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What CareLoop knows of one version of an Appointment, free of any FHIR model.
 *
 * @param id the EHR's logical id (no type, no version)
 * @param version the EHR's {@code meta.versionId} and {@code meta.lastUpdated}
 * @param status the appointment's status
 * @param start planned start, null for a proposed appointment without a time yet
 * @param patientIds logical ids of the Patient participants
 * @param locationId logical id of the first Location participant, or null
 */
public record AppointmentSnapshot(
    String id,
    ResourceVersion version,
    AppointmentStatus status,
    Instant start,
    List<String> patientIds,
    String locationId) {

  public AppointmentSnapshot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(status, "status");
    patientIds = List.copyOf(patientIds);
  }
}
