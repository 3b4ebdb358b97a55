package health.careloop.facade;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import health.careloop.CareLoopFhir;
import health.careloop.ehr.EhrReferences;
import health.careloop.schedule.MessageDraft;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.writeback.CommunicationTranslator;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.hl7.fhir.r4.model.CommunicationRequest;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.springframework.stereotype.Component;

/**
 * A planned message ({@link PlannedMessageView}) or a message a preview would plan
 * ({@link MessageDraft}) → the {@code CommunicationRequest} CareLoop's façade serves, conforming
 * to {@value #PROFILE}.
 */
@Component
public class PlannedMessageTranslator {

  public static final String PROFILE = CareLoopFhir.BASE + "/StructureDefinition/careloop-communication-request";

  /**
   * R4 CommunicationRequest has no element for the Communication that fulfilled it (the R4 link
   * runs the other way, {@code Communication.basedOn}, and CareLoop's Communications live in the
   * EHR, which CareLoop does not make point back at its façade). So a sent request names its
   * Communication in this extension (fhir-profiles/StructureDefinition-careloop-sent-communication.json).
   */
  public static final String SENT_COMMUNICATION = CareLoopFhir.BASE + "/StructureDefinition/sent-communication";

  /**
   * A planned message handed to staff names the Task CareLoop wrote in the EHR in this extension
   * (fhir-profiles/StructureDefinition-careloop-staff-task-reference.json). R4 CommunicationRequest has no
   * element for the Task that carries it out (the R4 link runs the other way, {@code Task.basedOn},
   * and the Task lives in the EHR, which does not know CareLoop's façade).
   */
  public static final String STAFF_TASK = CareLoopFhir.BASE + "/StructureDefinition/staff-task";

  /**
   * Codes that keep apart the ways a request ends without CareLoop sending it: three {@code revoked},
   * one {@code unknown} (handed to staff); one for an {@code active} request whose due time was
   * moved ({@code deferred}); and one for an {@code on-hold} request the EHR refused ({@code parked})
   * (fhir-profiles/).
   */
  public static final String NOT_SENT_REASON_SYSTEM = CareLoopFhir.BASE + "/CodeSystem/not-sent-reason";

  private final EhrReferences ehr;

  public PlannedMessageTranslator(EhrReferences ehr) {
    this.ehr = ehr;
  }

  public CommunicationRequest toCommunicationRequest(PlannedMessageView message) {
    Reference about = message.encounterId() != null ? ehr.to("Encounter", message.encounterId())
        : ehr.to("Appointment", message.appointmentId());
    CommunicationRequest request = common(message.messageKey(), message.kind(), message.patientId(),
        message.guardian(), about, message.dueAt());
    if (message.encounterId() != null) {
      request.setEncounter(about.copy());
    }
    request.setId(new IdType("CommunicationRequest", message.id()));
    if (message.updatedAt() != null) {
      request.getMeta().setLastUpdated(Date.from(message.updatedAt()));
    }
    request.setStatus(status(message.status()));
    notSentReason(message).ifPresent(reason -> request.setStatusReason(new CodeableConcept(reason)
        .setText(message.statusReason() != null ? message.statusReason() : reason.getDisplay())));
    if (message.createdAt() != null) {
      request.setAuthoredOnElement(dateTime(message.createdAt()));
    }
    if (message.status() == PlannedMessageStatus.SENT && message.statusReason() != null) {
      // Sent, but not quite as planned: e.g. a clinician summary that left out items told to the
      // clinician recently (the repeat budget), or a message that went to the patient instead of the
      // guardian. A sent request has no statusReason (that says why it was not done): a note says it.
      request.addNote().setText(message.statusReason());
    }
    if (message.status() == PlannedMessageStatus.SENT && message.communicationId() != null) {
      request.addExtension(SENT_COMMUNICATION, ehr.to("Communication", message.communicationId()));
    }
    if (message.status() == PlannedMessageStatus.HANDED_TO_STAFF && message.taskId() != null) {
      request.addExtension(STAFF_TASK, ehr.to("Task", message.taskId()));
    }
    return request;
  }

  /**
   * What a preview would plan for an Appointment the EHR knows by {@code draft.appointmentId()}, or
   * for an Encounter by {@code draft.encounterId()}.
   */
  public CommunicationRequest toPreview(MessageDraft draft) {
    Reference about = draft.encounterId() != null ? ehr.to("Encounter", draft.encounterId())
        : ehr.to("Appointment", draft.appointmentId());
    CommunicationRequest request = common(draft.messageKey(), draft.kind().code(), draft.patientId(),
        draft.guardian(), about, draft.dueAt());
    if (draft.encounterId() != null) {
      request.setEncounter(about.copy());
    }
    contentOf(request, draft);
    request.setStatus(CommunicationRequestStatus.DRAFT);
    return request;
  }

  /** A follow-up's content items ({@code <item url>#<message id>}), one payload each, for a preview to show. */
  private static void contentOf(CommunicationRequest request, MessageDraft draft) {
    draft.content().forEach(item -> request.addPayload().setContent(new StringType(item)));
  }

  /**
   * What a preview would plan for an Appointment given inline without an id: there is nothing to
   * reference, and no message key (keys name the Appointment), so no identifier (careloop-cr-1
   * allows that for drafts only).
   */
  public CommunicationRequest toAnonymousPreview(MessageDraft draft) {
    String type = draft.encounterId() != null ? "Encounter" : "Appointment";
    CommunicationRequest request = common(null, draft.kind().code(), draft.patientId(), draft.guardian(),
        new Reference().setDisplay("the " + type + " given to $preview (it has no id)"), draft.dueAt());
    contentOf(request, draft);
    request.setStatus(CommunicationRequestStatus.DRAFT);
    return request;
  }

  /**
   * CareLoop's status → FHIR request-status. FAILED becomes {@code revoked}: request-status
   * defines it as "terminated prior to the known full completion of the intended actions. No
   * further activity should occur", which is what a message given up after every retry is: nothing
   * retries it by itself (an operator may still replay it, as a new start, not a resumption). Not
   * {@code on-hold} (that promises the request will resume) and not {@code unknown} (that says the
   * source does not know the status: CareLoop does). The {@code statusReason} tells it apart from a
   * withdrawn or skipped message.
   *
   * <p>PARKED becomes {@code on-hold}, "temporarily withdrawn but expected to continue in the
   * future": the EHR refused it, and it waits for an operator to fix the cause and replay it
   * ({@code $replay}), which resumes the same request. The statusReason ({@code parked}) carries the
   * EHR's refusal (HTTP status and issue code).
   *
   * <p>HANDED_TO_STAFF becomes {@code unknown}. CareLoop did not send the message: a Task in the EHR
   * asks staff to pass it on, and whether they have is recorded there, not in CareLoop. So
   * {@code completed} ("fully performed") would claim more than happened; {@code revoked} says "no
   * further activity should occur", the opposite of what the Task asks; {@code active} would stay
   * "ready to be acted upon" after staff finished, and would mix these with the messages CareLoop
   * itself is still waiting to send; {@code on-hold} promises CareLoop resumes. request-status's
   * {@code unknown} is "the authoring/source system does not know which of the status values
   * currently applies": exactly so, one of active (staff still to act) and completed (staff did)
   * applies, and the Task the {@value #STAFF_TASK} extension names says which. The statusReason
   * ({@code handed-to-staff}) says why.
   */
  static CommunicationRequestStatus status(PlannedMessageStatus status) {
    return switch (status) {
      case PENDING -> CommunicationRequestStatus.ACTIVE;
      case SENT -> CommunicationRequestStatus.COMPLETED;
      case REVOKED, SKIPPED, FAILED -> CommunicationRequestStatus.REVOKED;
      case HANDED_TO_STAFF -> CommunicationRequestStatus.UNKNOWN;
      case PARKED -> CommunicationRequestStatus.ONHOLD;
    };
  }

  /**
   * Why it was not (yet) sent. A pending message has a recorded reason only when its due time was
   * moved at send time (quiet hours, say): it stays {@code active}, at its new {@code occurrence},
   * and {@code deferred} with the reason tells integrators and staff that it was not withdrawn.
   */
  private static Optional<Coding> notSentReason(PlannedMessageView message) {
    return switch (message.status()) {
      case PENDING -> message.statusReason() == null ? Optional.empty()
          : Optional.of(new Coding(NOT_SENT_REASON_SYSTEM, "deferred", "Not sent at its first due time: moved later"));
      case SENT -> Optional.empty();
      case REVOKED -> Optional.of(new Coding(NOT_SENT_REASON_SYSTEM, "revoked", "Withdrawn before it was due"));
      case SKIPPED -> Optional.of(new Coding(NOT_SENT_REASON_SYSTEM, "skipped", "Not sent at its due time"));
      case FAILED -> Optional.of(new Coding(NOT_SENT_REASON_SYSTEM, "failed", "Could not be written to the EHR"));
      case HANDED_TO_STAFF -> Optional.of(new Coding(NOT_SENT_REASON_SYSTEM, "handed-to-staff",
          "Handed to staff: no way to reach the patient"));
      case PARKED -> Optional.of(new Coding(NOT_SENT_REASON_SYSTEM, "parked",
          "Refused by the EHR: waits to be replayed"));
    };
  }

  private CommunicationRequest common(String messageKey, String kind, String patientId, String guardian,
      Reference about, Instant dueAt) {
    CommunicationRequest request = new CommunicationRequest();
    request.getMeta().addProfile(PROFILE);
    if (messageKey != null) {
      request.addIdentifier(new Identifier()
          .setSystem(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM).setValue(messageKey));
    }
    request.addCategory(new CodeableConcept(new Coding().setSystem(CareLoopFhir.MESSAGE_KIND_SYSTEM).setCode(kind)));
    request.addMedium(CommunicationTranslator.portalMedium());
    request.setSubject(ehr.to("Patient", patientId));
    request.addAbout(about);
    request.setOccurrence(dateTime(dueAt));
    request.addRecipient(recipient(patientId, guardian));
    return request;
  }

  /**
   * The patient, or their guardian: a RelatedPerson by reference; a Patient.contact entry (no
   * resource of its own) by type and a description of where it is recorded; or, for a clinician
   * summary, the Practitioner or PractitionerRole.
   */
  private Reference recipient(String patientId, String guardian) {
    if (guardian == null) {
      return ehr.to("Patient", patientId);
    }
    for (String type : List.of("RelatedPerson", "Practitioner", "PractitionerRole")) {
      if (guardian.startsWith(type + "/")) {
        return ehr.to(type, guardian);
      }
    }
    return new Reference().setType("RelatedPerson")
        .setDisplay("A guardian recorded in Patient/" + patientId + ".contact");
  }

  /** An instant as a UTC dateTime, to the millisecond only when it has milliseconds. */
  static DateTimeType dateTime(Instant instant) {
    TemporalPrecisionEnum precision = instant.getNano() == 0 ? TemporalPrecisionEnum.SECOND : TemporalPrecisionEnum.MILLI;
    DateTimeType value = new DateTimeType(Date.from(instant), precision, TimeZone.getTimeZone("UTC"));
    value.setTimeZoneZulu(true);
    return value;
  }
}
