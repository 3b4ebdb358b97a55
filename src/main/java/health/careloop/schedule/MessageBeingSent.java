package health.careloop.schedule;

/**
 * A replan would revoke a message that a dispatch is sending to the EHR right now. The replan's
 * transaction rolls back, and the work that asked for it is tried again later (with back-off), by
 * when the send's outcome is recorded: the replan then sees the message sent (or still pending)
 * and decides on that, as it would have had the send finished first. Nothing is lost: the
 * notification stays pending in the inbox until its replan succeeds.
 */
public class MessageBeingSent extends RuntimeException {

  public MessageBeingSent(String plannedMessageId) {
    super("Planned message " + plannedMessageId + " is being sent now: the replan waits for its outcome");
  }
}
