package health.careloop.schedule;

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
}
