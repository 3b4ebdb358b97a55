package health.careloop.schedule;

/**
 * Sends a message that is due. Implemented by write-back; the scheduler only knows this door.
 *
 * <p>Throwing means "try again later": the scheduler retries with back-off and the message stays
 * pending. Returning an outcome is final.
 */
public interface DueMessageHandler {

  DispatchOutcome dispatch(DueMessage message);

  /** What became of a due message. */
  sealed interface DispatchOutcome {

    /** Written to the EHR as {@code communicationId} (a versionless relative id). */
    record Sent(String communicationId) implements DispatchOutcome {}

    /**
     * Not sent, because CareLoop cannot reach the recipient: a Task asking staff to pass the message
     * on was written to the EHR as {@code taskId} (a versionless relative id).
     */
    record HandedToStaff(String taskId) implements DispatchOutcome {}

    /** Deliberately not sent; the reason is kept with the plan. */
    record Skipped(String reason) implements DispatchOutcome {}

    /** Not now (e.g. quiet hours): the same message is planned again for {@code until}. */
    record Deferred(java.time.Instant until, String reason) implements DispatchOutcome {}

    static DispatchOutcome sent(String communicationId) {
      return new Sent(communicationId);
    }

    static DispatchOutcome handedToStaff(String taskId) {
      return new HandedToStaff(taskId);
    }

    static DispatchOutcome skipped(String reason) {
      return new Skipped(reason);
    }

    static DispatchOutcome deferred(java.time.Instant until, String reason) {
      return new Deferred(until, reason);
    }
  }
}
