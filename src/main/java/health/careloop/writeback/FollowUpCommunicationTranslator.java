package health.careloop.writeback;

import health.careloop.CareLoopFhir;
import health.careloop.compose.ContentTexts.ContentText;
import health.careloop.rules.Guardian;
import health.careloop.schedule.DueMessage;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * A sent follow-up → the Communication CareLoop writes into the EHR: about the visit (its
 * {@code encounter}), pointing back to the content items it was made of ({@code instantiatesCanonical},
 * the PlanDefinitions of the library), with the text and each public patient page it links to, and
 * flagged when made of content whose clinical review was not current.
 */
public final class FollowUpCommunicationTranslator {

  private FollowUpCommunicationTranslator() {}

  /** @param guardian the guardian it goes to, null when it goes to the patient */
  public static Communication toCommunication(DueMessage message, Guardian guardian, ContentText text, Instant sent) {
    Communication c = new Communication();
    c.getMeta().addProfile(CareLoopFhir.FOLLOW_UP_COMMUNICATION_PROFILE);
    c.addIdentifier(new Identifier()
        .setSystem(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM).setValue(message.messageKey()));
    text.canonicals().forEach(c::addInstantiatesCanonical);
    c.setStatus(CommunicationStatus.COMPLETED);
    c.addCategory(new CodeableConcept(CommunicationTranslator.kind(message.kind())));
    Reference patient = new Reference("Patient/" + message.patientId());
    c.setSubject(patient);
    c.addRecipient(guardian == null ? patient.copy() : GuardianReferences.to(c, message.patientId(), guardian));
    Reference visit = new Reference("Encounter/" + message.encounterId());
    c.setEncounter(visit);
    c.addAbout(visit.copy());
    c.setSent(Date.from(sent));
    c.addMedium(CommunicationTranslator.portalMedium());
    c.setLanguage(text.language());
    c.addPayload().setContent(new StringType(text.text()));
    text.pages().forEach(page -> c.addPayload().setContent(
        new Attachment().setContentType("text/html").setUrl(page.url()).setTitle(page.title())));
    c.setSender(CommunicationTranslator.careLoop());
    if (text.draft()) {
      c.addExtension(CareLoopFhir.DRAFT_CONTENT_EXTENSION, new BooleanType(true));
    }
    return c;
  }
}
