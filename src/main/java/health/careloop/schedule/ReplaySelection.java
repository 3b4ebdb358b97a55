package health.careloop.schedule;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Which parked or failed messages a bulk replay sends again ({@link PlannedMessageReplay#replayAll}).
 *
 * @param statuses {@link PlannedMessageStatus#PARKED}, {@link PlannedMessageStatus#FAILED} or both
 * @param kind only this message kind's code (e.g. {@code appointment-reminder}), or any
 * @param patientId only this patient's, or anyone's
 * @param since only those parked or failed at or after this instant, or whenever
 * @param limit at most this many in one call, the oldest first
 */
public record ReplaySelection(Set<PlannedMessageStatus> statuses, Optional<String> kind, Optional<String> patientId,
    Optional<Instant> since, int limit) {

  public static final int MAXIMUM_LIMIT = 1000;

  public ReplaySelection {
    statuses = Set.copyOf(statuses);
    if (statuses.isEmpty() || !Set.of(PlannedMessageStatus.PARKED, PlannedMessageStatus.FAILED).containsAll(statuses)) {
      throw new IllegalArgumentException("Only parked or failed messages can be replayed: " + statuses);
    }
    if (limit < 1 || limit > MAXIMUM_LIMIT) {
      throw new IllegalArgumentException("A bulk replay takes 1 to " + MAXIMUM_LIMIT + " messages, not " + limit);
    }
  }
}
