package health.careloop.schedule;

/**
 * Sends a message that is due. Implemented by write-back; the scheduler only knows this door.
 *
 * <p>Throwing means "try again later": the scheduler retries with back-off and the message stays
 * pending. Returning an outcome is final.
 */
public interface DueMessageHandler {

  /**
   * Whether it sends messages of this kind: each kind has exactly one handler (the patients'
   * messages write-back's, a clinician summary the summaries feature's).
   */
  boolean handles(health.careloop.rules.MessageKind kind);

  /**
   * @param message the message whose time has come
   * @param sameGroup the other pending messages of its group (the same recipient's reminders for
   *     appointments on the same day), which the message may list too; usually empty
   */
  DispatchOutcome dispatch(DueMessage message, java.util.List<DueMessage> sameGroup);

  /** What became of a due message. */
  sealed interface DispatchOutcome {

    /**
     * Written to the EHR as {@code communicationId} (a versionless relative id).
     *
     * @param included the planned message ids of {@code sameGroup} whose appointments the message
     *     listed too: they are done. The others stay pending.
     * @param note what happened that the plan did not say (e.g. it went to the patient instead of
     *     the guardian it was planned for), kept with the plan; null when it went as planned
     * @param recordedWith what the handler keeps of the send in CareLoop's database (e.g. what a
     *     clinician was told): run in the transaction that records the message as sent, so that both
     *     are stored or neither is. The send itself runs outside any transaction.
     */
    record Sent(String communicationId, java.util.List<String> included, String note, Runnable recordedWith)
        implements DispatchOutcome {
      /** Nothing more to keep than the plan's outcome. */
      public static final Runnable NOTHING_MORE = () -> {};

      public Sent {
        included = java.util.List.copyOf(included);
        java.util.Objects.requireNonNull(recordedWith);
      }

      public Sent(String communicationId, java.util.List<String> included, String note) {
        this(communicationId, included, note, NOTHING_MORE);
      }
    }

    /**
     * Not sent, because CareLoop cannot deliver it to the recipient: a Task asking staff to pass the
     * message on was written to the EHR as {@code taskId} (a versionless relative id).
     *
     * @param included as for {@link Sent#included()}: the Task's text lists their appointments too
     * @param reason why CareLoop could not deliver it, kept with the plan
     */
    record HandedToStaff(String taskId, java.util.List<String> included, String reason) implements DispatchOutcome {
      public HandedToStaff {
        included = java.util.List.copyOf(included);
      }
    }

    /** Deliberately not sent; the reason is kept with the plan. */
    record Skipped(String reason) implements DispatchOutcome {}

    /**
     * Not now (e.g. quiet hours): the message stays the same pending planned message, due at
     * {@code until} instead, and the reason is kept with it.
     */
    record Deferred(java.time.Instant until, String reason) implements DispatchOutcome {}

    static DispatchOutcome sent(String communicationId, java.util.List<String> included) {
      return new Sent(communicationId, included, null);
    }

    static DispatchOutcome handedToStaff(String taskId, java.util.List<String> included, String reason) {
      return new HandedToStaff(taskId, included, reason);
    }

    static DispatchOutcome skipped(String reason) {
      return new Skipped(reason);
    }

    static DispatchOutcome deferred(java.time.Instant until, String reason) {
      return new Deferred(until, reason);
    }
  }
}
