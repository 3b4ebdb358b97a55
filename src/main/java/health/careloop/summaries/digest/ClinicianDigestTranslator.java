package health.careloop.summaries.digest;

import health.careloop.CareLoopFhir;
import health.careloop.rules.MessageKind;
import health.careloop.summaries.SummaryContent;
import health.careloop.writeback.CommunicationTranslator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationPriority;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * A clinician's digest → the Communication CareLoop writes into the EHR
 * (fhir-profiles/StructureDefinition-careloop-clinician-digest.json). Its identifier is the
 * clinician and the day ({@link ClinicianDigest#messageKey}), so a conditional create on it writes
 * one per clinician and day. No subject (it spans patients), no encounter, no medium: read in the
 * EHR by the clinician, never through a patient channel.
 */
public final class ClinicianDigestTranslator {

  private ClinicianDigestTranslator() {}

  public static Communication toCommunication(String clinician, LocalDate day, SummaryContent content, Instant sent) {
    Communication c = new Communication();
    c.getMeta().addProfile(CareLoopFhir.CLINICIAN_DIGEST_PROFILE);
    c.setLanguage("en");
    c.addIdentifier(new Identifier()
        .setSystem(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM).setValue(ClinicianDigest.messageKey(clinician, day)));
    c.setStatus(CommunicationStatus.COMPLETED);
    c.addCategory(new CodeableConcept(CommunicationTranslator.kind(MessageKind.CLINICIAN_DIGEST)));
    c.setPriority(CommunicationPriority.fromCode(content.priority().code()));
    content.about().forEach(reference -> c.addAbout(new Reference(reference)));
    c.setSent(Date.from(sent));
    c.addRecipient(new Reference(clinician));
    c.setSender(CommunicationTranslator.careLoop());
    c.addPayload().setContent(new StringType(content.text()));
    return c;
  }
}
