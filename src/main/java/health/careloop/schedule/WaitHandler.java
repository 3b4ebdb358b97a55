package health.careloop.schedule;

/**
 * Does one kind of waiting work ({@link DeferredWork#await}): looks, now and then, for something
 * that was not there yet. Throwing means "could not look" (e.g. the EHR is down): the scheduler
 * looks again with back-off, as for a {@link WorkHandler}.
 */
public interface WaitHandler {

  WorkKind kind();

  /**
   * @return true when done (what was waited for has come, or no longer matters); false to look
   *     again later
   */
  boolean attempt(String id);

  /** The wait is over and the last look found nothing: record it, so that nothing is lost silently. */
  void giveUp(String id);
}
