package health.careloop.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What CareLoop knows of one version of an Appointment, free of any FHIR model.
 *
 * @param id the EHR's logical id (no type, no version)
 * @param version the EHR's {@code meta.versionId} and {@code meta.lastUpdated}
 * @param status the appointment's status
 * @param start planned start, null for a proposed appointment without a time yet
 * @param patientIds logical ids of the Patient participants
 * @param locationId logical id of the first Location participant, or null
 * @param practitionerIds logical ids of the Practitioner participants
 * @param kinds what sort of appointment it is (type, service type, specialty codes)
 * @param confirmedPatientIds the Patient participants whose participation status is {@code accepted}
 * @param declinedPatientIds the Patient participants whose participation status is {@code declined}
 * @param basedOnServiceRequestIds logical ids of the ServiceRequests (referrals) the appointment
 *     books ({@code Appointment.basedOn})
 */
public record AppointmentSnapshot(
    String id,
    ResourceVersion version,
    AppointmentStatus status,
    Instant start,
    List<String> patientIds,
    String locationId,
    List<String> practitionerIds,
    AppointmentKinds kinds,
    Set<String> confirmedPatientIds,
    Set<String> declinedPatientIds,
    List<String> basedOnServiceRequestIds) {

  /** An appointment based on no ServiceRequest (what planning reminders needs). */
  public AppointmentSnapshot(String id, ResourceVersion version, AppointmentStatus status, Instant start,
      List<String> patientIds, String locationId, List<String> practitionerIds, AppointmentKinds kinds,
      Set<String> confirmedPatientIds, Set<String> declinedPatientIds) {
    this(id, version, status, start, patientIds, locationId, practitionerIds, kinds, confirmedPatientIds,
        declinedPatientIds, List.of());
  }

  public AppointmentSnapshot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(status, "status");
    patientIds = List.copyOf(patientIds);
    practitionerIds = List.copyOf(practitionerIds);
    kinds = kinds == null ? AppointmentKinds.NONE : kinds;
    confirmedPatientIds = Set.copyOf(confirmedPatientIds);
    declinedPatientIds = Set.copyOf(declinedPatientIds);
    basedOnServiceRequestIds = List.copyOf(basedOnServiceRequestIds);
  }

  public boolean isConfirmedBy(String patientId) {
    return confirmedPatientIds.contains(patientId);
  }

  public boolean isDeclinedBy(String patientId) {
    return declinedPatientIds.contains(patientId);
  }
}
