package health.careloop.schedule;

import health.careloop.schedule.internal.PlannedMessages;
import java.util.List;
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
   * Makes the pending plan of {@code appointmentId} equal to {@code wanted}: pending messages not
   * wanted any more are revoked with {@code reason}; wanted messages neither pending nor already
   * sent are planned. Runs inside the caller's transaction.
   */
  @Transactional(propagation = Propagation.MANDATORY)
  public ReplanResult replan(String appointmentId, List<MessageDraft> wanted, String reason) {
    return plannedMessages.replan(appointmentId, wanted, reason);
  }

  @Transactional(readOnly = true)
  public List<PlannedMessageView> forAppointment(String appointmentId) {
    return plannedMessages.forAppointment(appointmentId);
  }
}
