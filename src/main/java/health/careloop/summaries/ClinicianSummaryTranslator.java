package health.careloop.summaries;

import health.careloop.CareLoopFhir;
import health.careloop.rules.MessageKind;
import health.careloop.writeback.CommunicationTranslator;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationPriority;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * A clinician summary → the Communications CareLoop writes into the EHR, one per recipient
 * (fhir-profiles/StructureDefinition-careloop-clinician-summary.json): each clinician's copy has
 * its own deterministic identifier, so a retry, or a second notification of the same finished
 * Encounter, finds the one already written by a conditional create on it.
 *
 * <p>It names no {@code medium}: the Communication is the message, read by the clinician in the EHR,
 * and must never be taken for one through a patient channel (portal, SMS, e-mail).
 */
public final class ClinicianSummaryTranslator {

  /** The language of the text ({@link ClinicianSummary} writes English). */
  static final String LANGUAGE = "en";

  private ClinicianSummaryTranslator() {}

  /**
   * {@code Encounter/<id>:clinician-task-summary:to:<recipient>}: one summary per finished Encounter
   * and clinician, whatever happens to the Encounter later.
   */
  public static String messageKey(String encounterId, String recipient) {
    return "Encounter/" + encounterId + ":" + MessageKind.CLINICIAN_TASK_SUMMARY.code() + ":to:" + recipient;
  }

  /** One Communication for each of the draft's recipients, in their order. */
  public static List<Communication> toCommunications(SummaryDraft draft, Instant sent) {
    return draft.recipients().stream().map(recipient -> toCommunication(draft, recipient, sent)).toList();
  }

  /** @param recipient one of {@link SummaryDraft#recipients()} */
  public static Communication toCommunication(SummaryDraft draft, String recipient, Instant sent) {
    if (!draft.recipients().contains(recipient)) {
      throw new IllegalArgumentException(recipient + " is not a recipient of the summary of Encounter/" + draft.encounterId());
    }
    Communication c = new Communication();
    c.getMeta().addProfile(CareLoopFhir.CLINICIAN_SUMMARY_PROFILE);
    c.setLanguage(LANGUAGE);
    c.addIdentifier(new Identifier()
        .setSystem(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM).setValue(messageKey(draft.encounterId(), recipient)));
    c.setStatus(CommunicationStatus.COMPLETED);
    c.addCategory(new CodeableConcept(CommunicationTranslator.kind(MessageKind.CLINICIAN_TASK_SUMMARY)));
    c.setPriority(CommunicationPriority.fromCode(draft.content().priority().code()));
    c.setSubject(new Reference("Patient/" + draft.patientId()));
    Reference encounter = new Reference("Encounter/" + draft.encounterId());
    c.setEncounter(encounter);
    c.addAbout(encounter.copy());
    draft.content().about().forEach(reference -> c.addAbout(new Reference(reference)));
    c.setSent(Date.from(sent));
    c.addRecipient(new Reference(recipient));
    c.setSender(CommunicationTranslator.careLoop());
    c.addPayload().setContent(new StringType(draft.content().text()));
    return c;
  }
}
