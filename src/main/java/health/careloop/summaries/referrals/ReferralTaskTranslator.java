package health.careloop.summaries.referrals;

import health.careloop.CareLoopFhir;
import health.careloop.writeback.CommunicationTranslator;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Task;
import org.hl7.fhir.r4.model.Task.TaskIntent;
import org.hl7.fhir.r4.model.Task.TaskPriority;
import org.hl7.fhir.r4.model.Task.TaskStatus;

/**
 * CareLoop's Task for a referral left unbooked (fhir-profiles/StructureDefinition-careloop-referral-task.json):
 * the one written into the EHR for the booking team, the same Task as the façade shows it, and
 * its closing.
 *
 * <p>No {@code restriction.period.end}: CareLoop knows no date after which booking the referral
 * stops mattering, and a deadline would let an EHR's work queue drop the Task when it passes.
 */
public final class ReferralTaskTranslator {

  public static final Coding BOOK_REFERRAL =
      new Coding(CareLoopFhir.STAFF_TASK_SYSTEM, "book-referral", "Book the referral");

  /** References as the EHR holds them: relative, {@code Type/id}. */
  public static final BiFunction<String, String, Reference> RELATIVE = (type, id) -> new Reference(type + "/" + id);

  /** Task statuses in which nobody has finished with the Task yet. */
  private static final Set<TaskStatus> OPEN = EnumSet.of(TaskStatus.DRAFT, TaskStatus.REQUESTED, TaskStatus.RECEIVED,
      TaskStatus.ACCEPTED, TaskStatus.READY, TaskStatus.INPROGRESS, TaskStatus.ONHOLD);

  /**
   * What a new Task says.
   *
   * @param priority the referral's priority code (routine, urgent, asap, stat: Task.priority has the
   *     same codes); null: routine
   * @param owner the booking team, a relative reference such as {@code CareTeam/7}, if configured
   * @param authoredOn when CareLoop found the referral overdue
   */
  public record NewTask(String referralId, String patientId, String priority, Optional<String> owner,
      String description, Instant authoredOn) {}

  private ReferralTaskTranslator() {}

  /** CareLoop's identifier of the Task for a referral: the referral itself. */
  public static Identifier identifier(String referralId) {
    return new Identifier().setSystem(CareLoopFhir.REFERRAL_TASK_IDENTIFIER_SYSTEM).setValue("ServiceRequest/" + referralId);
  }

  /**
   * @param reference how a reference to the EHR's resources is written (type, id): {@link #RELATIVE}
   *     in the EHR, absolute on the EHR's base in the façade
   */
  public static Task toTask(NewTask what, BiFunction<String, String, Reference> reference) {
    Task task = new Task();
    task.getMeta().addProfile(CareLoopFhir.REFERRAL_TASK_PROFILE);
    task.addIdentifier(identifier(what.referralId()));
    task.addBasedOn(reference.apply("ServiceRequest", what.referralId()));
    task.setStatus(TaskStatus.REQUESTED);
    task.setIntent(TaskIntent.ORDER);
    task.setPriority(what.priority() == null ? TaskPriority.ROUTINE : TaskPriority.fromCode(what.priority()));
    task.setCode(new CodeableConcept(BOOK_REFERRAL.copy()).setText("Book the referral"));
    task.setDescription(what.description());
    task.setFocus(reference.apply("ServiceRequest", what.referralId()));
    task.setFor(reference.apply("Patient", what.patientId()));
    task.setAuthoredOn(Date.from(what.authoredOn()));
    task.setRequester(CommunicationTranslator.careLoop());
    what.owner().ifPresent(owner -> {
      String[] typeAndId = owner.split("/", 2);
      task.setOwner(reference.apply(typeAndId[0], typeAndId[1]));
    });
    return task;
  }

  /** Whether {@code task} is the one CareLoop wrote for this referral (by its identifier, nothing else). */
  public static boolean isCareLoops(Task task, String referralId) {
    Identifier ours = identifier(referralId);
    return task.getIdentifier().stream()
        .anyMatch(id -> ours.getSystem().equals(id.getSystem()) && ours.getValue().equals(id.getValue()));
  }

  /** Whether nobody has finished with a Task in this status (staff may have taken it on meanwhile). */
  public static boolean isOpen(TaskStatus status) {
    return OPEN.contains(status);
  }

  /** Closes CareLoop's Task: its status, why, and a note saying that CareLoop did it. */
  public static void close(Task task, TaskClosing closing, Instant now) {
    task.setStatus(TaskStatus.fromCode(closing.outcome().taskStatus()));
    task.setStatusReason(new CodeableConcept().setText(closing.reason()));
    task.setLastModified(Date.from(now));
    task.addNote().setTime(Date.from(now)).setText("Closed by CareLoop: " + closing.reason() + ".");
  }
}
