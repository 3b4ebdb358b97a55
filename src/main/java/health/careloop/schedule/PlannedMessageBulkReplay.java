package health.careloop.schedule;

import java.util.List;

/**
 * Replays, one by one, the oldest {@link ReplaySelection#limit()} parked or failed messages that
 * match: an operator who fixed a cause many messages share sends them all again. Each is replayed
 * as {@link PlannedMessageReplay#replay} replays one, all in the caller's transaction (the façade's,
 * which records the call's audit entry in it: the replays and their entry commit together), or
 * each in its own when there is none; one changed meanwhile (replanned, replayed by another call)
 * is left as it is.
 */
public interface PlannedMessageBulkReplay {

  BulkReplay replayAll(ReplaySelection selection);

  /**
   * @param replayed the messages now pending again, due now
   * @param remaining how many more match (call again for them)
   */
  record BulkReplay(List<PlannedMessageView> replayed, long remaining) {}
}
