package health.careloop.schedule;

/** Life of a planned message. Only PENDING ever changes; the others are history. */
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
  FAILED
}
