package health.careloop.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What CareLoop knows of one version of an Encounter (a visit), free of any FHIR model. Codes are
 * {@code system|code} (a bare {@code code} when the EHR gave no system), as {@link CodeMatch} reads them.
 *
 * @param id the EHR's logical id
 * @param version the EHR's {@code meta.versionId} and {@code meta.lastUpdated}
 * @param status the Encounter's status code ({@code planned}, {@code in-progress}, {@code finished},
 *     {@code entered-in-error}...), null if the EHR gave none
 * @param patientId the logical id of its subject when that is a Patient, else null
 * @param classCode Encounter.class, null if none
 * @param typeCodes Encounter.type
 * @param reasonCodes Encounter.reasonCode
 * @param diagnosisConditionIds the logical ids of the Conditions its diagnoses reference
 * @param end when the visit ended (period.end), null if the EHR does not say
 * @param dischargeDispositionCodes hospitalization.dischargeDisposition
 * @param locationId the first location's logical id, or null
 * @param participants its practitioners, with their participation types
 */
public record EncounterSnapshot(
    String id,
    ResourceVersion version,
    String status,
    String patientId,
    String classCode,
    List<String> typeCodes,
    List<String> reasonCodes,
    List<String> diagnosisConditionIds,
    Instant end,
    List<String> dischargeDispositionCodes,
    String locationId,
    List<Participant> participants) {

  /** HL7 discharge-disposition "expired": the patient died during the visit. */
  public static final String DISCHARGE_EXPIRED = "http://terminology.hl7.org/CodeSystem/discharge-disposition|exp";

  public EncounterSnapshot {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(version, "version");
    typeCodes = List.copyOf(typeCodes);
    reasonCodes = List.copyOf(reasonCodes);
    diagnosisConditionIds = List.copyOf(diagnosisConditionIds);
    dischargeDispositionCodes = List.copyOf(dischargeDispositionCodes);
    participants = List.copyOf(participants);
  }

  public boolean isFinished() {
    return "finished".equals(status);
  }

  /** Whether the EHR records that the patient died during the visit (discharge disposition "expired"). */
  public boolean patientDied() {
    return dischargeDispositionCodes.contains(DISCHARGE_EXPIRED);
  }

  /**
   * A practitioner taking part in the visit.
   *
   * @param reference {@code Practitioner/<id>} or {@code PractitionerRole/<id>}
   * @param typeCodes the participation types ({@code system|code})
   */
  public record Participant(String reference, List<String> typeCodes) {
    public Participant {
      Objects.requireNonNull(reference, "reference");
      typeCodes = List.copyOf(typeCodes);
    }
  }
}
