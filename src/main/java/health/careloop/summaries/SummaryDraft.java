package health.careloop.summaries;

import java.util.List;

/**
 * A clinician summary ready to be written: {@link ClinicianSummaryTranslator} makes one
 * Communication of it per recipient.
 *
 * @param encounterId the finished Encounter's logical id
 * @param patientId the Encounter's subject's logical id
 * @param recipients {@code Practitioner/<id>} or {@code PractitionerRole/<id>}, at least one
 */
public record SummaryDraft(String encounterId, String patientId, List<String> recipients, SummaryContent content) {

  public SummaryDraft {
    recipients = List.copyOf(recipients);
    if (recipients.isEmpty()) {
      throw new IllegalArgumentException("A clinician summary needs a recipient");
    }
  }
}
