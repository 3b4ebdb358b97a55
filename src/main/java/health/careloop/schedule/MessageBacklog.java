package health.careloop.schedule;

import java.time.Instant;

/** How far behind sending is, from CareLoop's own tables (counts only). */
public interface MessageBacklog {

  /** Planned messages still waiting although they were due before {@code dueBefore}. */
  long overdue(Instant dueBefore);

  /** Planned messages that failed for good since {@code since} (could not be written after every retry). */
  long failedSince(Instant since);
}
