package health.careloop.schedule;

import health.careloop.rules.MessageKind;
import health.careloop.schedule.internal.PlannedMessages;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The plan of messages per Appointment. Features say what they want now; the schedule works out
 * what to add and what to revoke. History is kept: revoked, sent and skipped messages stay.
 */
@Service
public class MessageSchedule {

  private final PlannedMessages plannedMessages;

  MessageSchedule(PlannedMessages plannedMessages) {
    this.plannedMessages = plannedMessages;
  }

  /**
   * Brings the pending plan of {@code appointmentId} in line with {@code wanted}: pending messages
   * neither wanted nor in {@code keepIfPending} are revoked with {@code reason}; wanted messages
   * neither pending nor already sent are planned. Runs inside the caller's transaction.
   *
   * @param keepIfPending keys of one-off notices planned earlier that still hold (e.g. a
   *     confirmation waiting for quiet hours to end) but that this change does not plan again
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public ReplanResult replan(String appointmentId, List<MessageDraft> wanted, Set<String> keepIfPending,
      String reason) {
    return plannedMessages.replan(appointmentId, wanted, keepIfPending, reason);
  }

  /**
   * {@link #replan}, for one of the appointment's patients only: the messages about its other
   * patients are left as they are (e.g. when a patient the EHR did not have at first is planned for).
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public ReplanResult replanFor(String appointmentId, String patientId, List<MessageDraft> wanted,
      Set<String> keepIfPending, String reason) {
    return plannedMessages.replanFor(appointmentId, patientId, wanted, keepIfPending, reason);
  }

  /**
   * Records messages CareLoop would have planned but will not, each as SKIPPED with {@code reason}:
   * the plan shows what was not done and why instead of showing nothing.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public void recordNotPlanned(List<MessageDraft> drafts, String reason) {
    plannedMessages.recordNotPlanned(drafts, reason);
  }

  /**
   * Brings the pending messages of one kind about {@code encounterId} in line with {@code wanted},
   * as {@link #replan} does for an Appointment; messages of other kinds (a follow-up, a clinician
   * summary: features of their own) are left as they are.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public ReplanResult replanEncounter(String encounterId, MessageKind kind, List<MessageDraft> wanted, String reason) {
    return plannedMessages.replanEncounter(encounterId, kind, wanted, reason);
  }

  /**
   * What the messages about {@code encounterId} that went out (sent, or handed to staff) were made
   * of, per recipient: an update of the visit plans only what they did not say yet.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public List<DeliveredContent> deliveredAbout(String encounterId) {
    return plannedMessages.deliveredAbout(encounterId);
  }

  /**
   * Whether a message with this key (keys name the Appointment or Encounter they are about) was
   * planned and not withdrawn since (pending, or sent, handed to staff or skipped at its time).
   */
  @Transactional(readOnly = true)
  public boolean isPlanned(String messageKey) {
    return plannedMessages.isPlanned(messageKey);
  }
}
