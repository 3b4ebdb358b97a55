package health.careloop.writeback;

import health.careloop.CareLoopFhir;
import health.careloop.compose.RenderedMessage;
import health.careloop.rules.Guardian;
import health.careloop.schedule.DueMessage;
import java.time.Instant;
import java.util.Date;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * A sent surgery update → the Communication CareLoop writes into the EHR (profile
 * {@code careloop-communication}): to the RelatedPerson the patient permitted, about the surgical
 * Encounter (its {@code about} and {@code encounter}), with the templated text and nothing else.
 */
final class SurgeryUpdateCommunicationTranslator {

  private SurgeryUpdateCommunicationTranslator() {}

  static Communication toCommunication(DueMessage message, Guardian person, RenderedMessage rendered, Instant sent) {
    Communication c = new Communication();
    c.getMeta().addProfile(CareLoopFhir.COMMUNICATION_PROFILE);
    c.addIdentifier(new Identifier()
        .setSystem(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM).setValue(message.messageKey()));
    c.setStatus(CommunicationStatus.COMPLETED);
    c.addCategory(new CodeableConcept(CommunicationTranslator.kind(message.kind())));
    c.setSubject(new Reference("Patient/" + message.patientId()));
    c.addRecipient(GuardianReferences.to(c, message.patientId(), person));
    Reference surgery = new Reference("Encounter/" + message.encounterId());
    c.setEncounter(surgery);
    c.addAbout(surgery.copy());
    c.setSent(Date.from(sent));
    c.addMedium(CommunicationTranslator.portalMedium());
    c.setLanguage(rendered.language());
    c.addPayload().setContent(new StringType(rendered.text()));
    c.setSender(CommunicationTranslator.careLoop());
    return c;
  }
}
