package health.careloop.writeback;

import health.careloop.CareLoopFhir;
import health.careloop.compose.RenderedMessage;
import health.careloop.rules.ContactPoint;
import health.careloop.rules.Guardian;
import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Task.TaskIntent;
import org.hl7.fhir.r4.model.Task.TaskPriority;
import org.hl7.fhir.r4.model.Task.TaskStatus;
import org.hl7.fhir.r4.model.Task;

/**
 * A message CareLoop cannot deliver (no patient portal, and no delivery channel for the recipient's
 * telecom, or no usable telecom) → the Task it writes into the EHR instead, asking staff to pass the
 * message on (fhir-profiles/StructureDefinition-careloop-staff-task.json).
 *
 * <p>FHIR's own task-code CodeSystem (approve, fulfill, abort, replace, change, suspend, resume) is
 * about acting on a focal request; none says "contact the patient", hence CareLoop's
 * {@code staff-task|contact-patient}.
 */
public final class StaffTaskTranslator {

  public static final Coding CONTACT_PATIENT =
      new Coding(CareLoopFhir.STAFF_TASK_SYSTEM, "contact-patient", "Contact the patient");
  public static final Coding MESSAGE_TEXT =
      new Coding(CareLoopFhir.STAFF_TASK_SYSTEM, "message-text", "Message text");
  public static final Coding MESSAGE_LANGUAGE =
      new Coding(CareLoopFhir.STAFF_TASK_SYSTEM, "message-language", "Message language");

  private StaffTaskTranslator() {}

  /**
   * @param appointmentStart the start of the Appointment as the EHR holds it now: after it, a
   *     reminder, confirmation, move or cancellation no longer matters
   * @param owner who owns the Task, a relative reference such as {@code Organization/12}, if configured
   * @param guardian for a guardian's copy, the guardian staff are to contact (as
   *     {@code restriction.recipient}); null when it is the patient
   * @param why why CareLoop cannot deliver it, in plain words without patient data
   * @param preferred the recipient's contact point the EHR prefers (its kind and rank, never its
   *     value: staff read that in the EHR), if one is usable
   */
  public static Task toTask(DueMessage message, RenderedMessage rendered, Instant appointmentStart,
      Instant now, Optional<String> owner, Guardian guardian, String why, Optional<ContactPoint> preferred) {
    Task task = new Task();
    task.getMeta().addProfile(CareLoopFhir.STAFF_TASK_PROFILE);
    task.addIdentifier(new Identifier()
        .setSystem(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM).setValue(message.messageKey()));
    task.setStatus(TaskStatus.REQUESTED);
    task.setIntent(TaskIntent.ORDER);
    task.setPriority(TaskPriority.ROUTINE);
    task.setCode(new CodeableConcept(CONTACT_PATIENT.copy()).setText("Contact the patient"));
    task.setDescription(Character.toUpperCase(why.charAt(0)) + why.substring(1) + ": please give the "
        + (guardian == null ? "patient" : "patient's guardian") + " this " + what(message.kind()) + "."
        + preferred.map(c -> " The contact the EHR prefers for them: " + describe(c) + ".").orElse(""));
    if (guardian != null) {
      task.getRestriction().addRecipient(GuardianReferences.to(task, message.patientId(), guardian));
    }
    task.setFocus(new Reference(message.about()));
    task.setFor(new Reference("Patient/" + message.patientId()));
    task.setAuthoredOn(Date.from(now));
    task.setRequester(CommunicationTranslator.careLoop());
    owner.ifPresent(o -> task.setOwner(new Reference(o)));
    task.setReasonCode(new CodeableConcept(CommunicationTranslator.kind(message.kind()))
        .setText(message.kind().display()));
    if (message.kind() != MessageKind.APPOINTMENT_MISSED && appointmentStart != null) {
      // After the start a reminder, confirmation, move or cancellation no longer matters.
      task.getRestriction().getPeriod().setEnd(Date.from(appointmentStart));
    }
    task.addInput().setType(new CodeableConcept(MESSAGE_TEXT.copy())).setValue(new StringType(rendered.text()));
    task.addInput().setType(new CodeableConcept(MESSAGE_LANGUAGE.copy())).setValue(new CodeType(rendered.language()));
    return task;
  }

  /** A contact point as the EHR records it, e.g. "phone (mobile), rank 1". */
  private static String describe(ContactPoint contact) {
    return contact.system() + (contact.mobile() ? " (mobile)" : "")
        + (contact.rank() == null ? "" : ", rank " + contact.rank());
  }

  private static String what(MessageKind kind) {
    return switch (kind) {
      case APPOINTMENT_CONFIRMATION -> "appointment confirmation";
      case APPOINTMENT_REMINDER -> "appointment reminder";
      case APPOINTMENT_MOVED -> "notice that the appointment has moved";
      case APPOINTMENT_CANCELLED -> "notice that the appointment is cancelled";
      case APPOINTMENT_MISSED -> "message about the missed appointment";
      case FOLLOW_UP_CONTENT -> "follow-up advice after the visit";
      case SURGERY_UPDATE -> "update to the family that the operation has started or is over";
      case CLINICIAN_TASK_SUMMARY -> throw new IllegalArgumentException(
          "A clinician task summary goes to clinicians: staff are never asked to give it to a patient");
      case CLINICIAN_DIGEST -> throw new IllegalArgumentException(
          "A clinician digest goes to clinicians: staff are never asked to give it to a patient");
    };
  }
}
