package health.careloop.schedule;

/**
 * Does one kind of background work. Throwing means "retry later, with back-off"
 * ({@link RetryProperties}); once retrying is over, {@link #giveUp} records the failure so that
 * nothing disappears silently.
 */
public interface WorkHandler {

  WorkKind kind();

  void run(String id);

  void giveUp(String id);

  /**
   * The work failed and is tried again at {@code next}: for the handler's log and metrics. It must
   * not throw; the retry is durable whatever it does.
   */
  default void retrying(String id, WorkFailure failure, java.time.Instant next) {}
}
