package health.careloop.summaries;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point for writing a clinician summary when an Encounter has finished: who it goes to,
 * the patient's open work read from the EHR now, and the text. Writing it is the caller's:
 * {@link ClinicianSummaryTranslator#toCommunications} and a conditional create on each identifier.
 */
public class ClinicianSummaries {

  private static final Logger log = LoggerFactory.getLogger(ClinicianSummaries.class);

  private final OpenWorkSource ehr;
  private final ClinicianSummary summary;
  private final List<String> participantTypes;

  public ClinicianSummaries(OpenWorkSource ehr, ClinicianSummary summary, List<String> participantTypes) {
    this.ehr = ehr;
    this.summary = summary;
    this.participantTypes = List.copyOf(participantTypes);
  }

  /**
   * The summary to write for a finished Encounter; empty when nobody is responsible for it (no
   * participant of the configured types, nor an untyped clinician: see {@link ResponsibleClinicians})
   * or when there is nothing to say (see {@link ClinicianSummary}). Reads the EHR (an EHR that
   * fails throws, for the caller to retry).
   *
   * @param participants the Encounter's participants ({@link EncounterParticipants#of})
   */
  public Optional<SummaryDraft> summarise(String encounterId, String patientId, List<EncounterParticipant> participants,
      Instant now) {
    List<String> recipients = ResponsibleClinicians.of(participants, participantTypes);
    if (recipients.isEmpty()) {
      log.warn("Encounter/{}: no clinician summary, no participant is a responsible Practitioner or PractitionerRole"
          + " (careloop.summaries.participant-types)", encounterId);
      return Optional.empty();
    }
    Optional<SummaryContent> content = summary.write(ehr.openWork(patientId, now));
    if (content.isEmpty()) {
      log.info("Encounter/{}: no clinician summary, Patient/{} has no open work in the EHR", encounterId, patientId);
    }
    return content.map(c -> new SummaryDraft(encounterId, patientId, recipients, c));
  }
}
