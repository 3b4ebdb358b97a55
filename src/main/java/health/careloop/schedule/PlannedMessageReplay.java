package health.careloop.schedule;

/**
 * Puts a parked or failed message back to pending, due now, with a fresh dispatch job: an operator
 * who fixed what the EHR refused sends it again. The message keeps its key, and the write-back's
 * conditional create on that key writes at most one Communication, however often it is replayed.
 */
public interface PlannedMessageReplay {

  Result replay(String plannedMessageId);

  /** What a replay did. */
  sealed interface Result {

    /** Pending again, due now. */
    record Replayed(PlannedMessageView message) implements Result {}

    /** Not parked or failed (pending, sent, revoked, ...): nothing was changed. */
    record NotReplayable(PlannedMessageView message) implements Result {}

    /** No planned message with that id. */
    record NotFound() implements Result {}
  }
}
