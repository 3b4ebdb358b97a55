package health.careloop.writeback;

import health.careloop.CareLoopFhir;
import health.careloop.compose.RenderedMessage;
import health.careloop.rules.Guardian;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Communication.CommunicationStatus;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** A sent message → the Communication CareLoop writes into the EHR. */
public final class CommunicationTranslator {

  /**
   * No delivery channel (SMS, e-mail) exists yet: the Communication itself is the message, shown
   * by the EHR's patient portal or inbox, and CareLoop writes one only where the EHR has a portal
   * ({@code careloop.delivery.patient-portal}; without one, staff get a Task instead). Its medium
   * says that, and nothing more: v3-ParticipationMode ONLINEWRIT, "text submitted by computer
   * network" (ELECTRONIC means machine data, WRITTEN physical paper, and the code system has no SMS code).
   */
  static final Coding PORTAL_MEDIUM = new Coding(
      "http://terminology.hl7.org/CodeSystem/v3-ParticipationMode", "ONLINEWRIT", "online written");
  static final String PORTAL_MEDIUM_TEXT = "EHR patient portal / inbox";

  private CommunicationTranslator() {}

  /** The medium of every message CareLoop writes or plans today (a new copy each time). */
  public static CodeableConcept portalMedium() {
    return new CodeableConcept(PORTAL_MEDIUM.copy()).setText(PORTAL_MEDIUM_TEXT);
  }

  /**
   * @param alsoAbout the other messages of its group whose appointments the text lists too
   * @param guardian the guardian it goes to, null when it goes to the patient
   */
  public static Communication toCommunication(DueMessage message, List<DueMessage> alsoAbout, Guardian guardian,
      RenderedMessage rendered, Instant sent) {
    Communication c = new Communication();
    c.getMeta().addProfile(CareLoopFhir.COMMUNICATION_PROFILE);
    c.addIdentifier(new Identifier()
        .setSystem(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM).setValue(message.messageKey()));
    c.setStatus(CommunicationStatus.COMPLETED);
    c.addCategory(new CodeableConcept(kind(message.kind())));
    Reference patient = new Reference("Patient/" + message.patientId());
    c.setSubject(patient);
    c.addRecipient(guardian == null ? patient.copy() : GuardianReferences.to(c, message.patientId(), guardian));
    c.addAbout(new Reference("Appointment/" + message.appointmentId()));
    alsoAbout.forEach(other -> c.addAbout(new Reference("Appointment/" + other.appointmentId())));
    c.setSent(Date.from(sent));
    c.addMedium(portalMedium());
    c.setLanguage(rendered.language());
    c.addPayload().setContent(new StringType(rendered.text()));
    c.setSender(careLoop());
    return c;
  }

  /** The message kind as a Coding of CareLoop's message-kind CodeSystem. */
  public static Coding kind(MessageKind kind) {
    return new Coding(CareLoopFhir.MESSAGE_KIND_SYSTEM, kind.code(), kind.display());
  }

  /** CareLoop itself, as the sender or requester of what it writes (a logical Device reference). */
  public static Reference careLoop() {
    return new Reference()
        .setIdentifier(new Identifier().setSystem(CareLoopFhir.DEVICE_IDENTIFIER_SYSTEM).setValue("careloop"))
        .setDisplay("CareLoop");
  }
}
