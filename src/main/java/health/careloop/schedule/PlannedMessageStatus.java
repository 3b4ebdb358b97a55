package health.careloop.schedule;

/**
 * Life of a planned message. Only PENDING ever changes, and PARKED and FAILED, which an operator
 * may replay ({@link PlannedMessageReplay}) back to PENDING; the others are history.
 */
public enum PlannedMessageStatus {
  /** Waiting for its due time. */
  PENDING,
  /** Written to the EHR. */
  SENT,
  /**
   * Due, but CareLoop could not deliver it (no patient portal, and no delivery channel for the
   * recipient's telecom or no usable telecom): a Task in the EHR asks staff to pass the message on.
   */
  HANDED_TO_STAFF,
  /**
   * Due, but it no longer made sense (appointment cancelled, moved, started, ...); or never planned
   * at all, with the reason (its patient was not in the EHR).
   */
  SKIPPED,
  /** Withdrawn by a replan before it was due. */
  REVOKED,
  /** Could not be written after every retry. */
  FAILED,
  /**
   * The EHR refused it (a 4xx answer: the same write would be refused again), so it was not
   * retried: it waits, with the refusal as its reason, for an operator to fix the cause and replay
   * it ({@link PlannedMessageReplay}).
   */
  PARKED
}
