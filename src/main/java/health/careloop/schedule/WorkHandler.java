package health.careloop.schedule;

/**
 * Does one kind of background work. Throwing means "retry later, with back-off"; after the last
 * retry {@link #giveUp} records the failure so that nothing disappears silently.
 */
public interface WorkHandler {

  WorkKind kind();

  void run(String id);

  void giveUp(String id);
}
