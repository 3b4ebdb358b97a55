package health.careloop.intake.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The ids of jobs that each plan several inbox events ({@code WorkKind.PROCESS_INBOX_BATCH}): the
 * events' ids as ranges, {@code "1001-1032"}, or {@code "1001-1020,1024,1026-1030"} where other
 * rows' ids fell between them. The inbox's ids come from one sequence and a batch's rows are
 * inserted together, so a batch is usually one range.
 *
 * <p>At most {@link #MOST_EVENTS_PER_JOB} events a job: a catch-up's page of hundreds is planned by
 * several jobs at once, as its notifications were before, one job each. At most
 * {@link #LONGEST_JOB_ID} characters: the scheduler's column for a job's id.
 */
final class InboxBatches {

  static final int MOST_EVENTS_PER_JOB = 32;
  static final int LONGEST_JOB_ID = 200;

  private InboxBatches() {}

  /** The ids of the jobs that plan these events, in their order; each event in exactly one. */
  static List<String> jobIds(List<Long> eventIds) {
    List<String> jobs = new ArrayList<>();
    StringBuilder job = new StringBuilder();
    int inJob = 0;
    int i = 0;
    while (i < eventIds.size()) {
      // The longest run of consecutive ids from here that the job may still take.
      int end = i;
      while (end + 1 < eventIds.size() && eventIds.get(end + 1) == eventIds.get(end) + 1
          && inJob + (end + 1 - i) + 1 <= MOST_EVENTS_PER_JOB) {
        end++;
      }
      String range = end == i ? Long.toString(eventIds.get(i)) : eventIds.get(i) + "-" + eventIds.get(end);
      if (inJob > 0 && (inJob == MOST_EVENTS_PER_JOB || job.length() + 1 + range.length() > LONGEST_JOB_ID)) {
        jobs.add(job.toString());
        job.setLength(0);
        inJob = 0;
        continue; // the same run again, in a job of its own, which may take more of it
      }
      if (inJob > 0) {
        job.append(',');
      }
      job.append(range);
      inJob += end - i + 1;
      i = end + 1;
    }
    if (inJob > 0) {
      jobs.add(job.toString());
    }
    return jobs;
  }

  /**
   * The inbox events a job plans, in its order.
   *
   * @throws IllegalArgumentException if the id is not one {@link #jobIds} makes
   */
  static List<Long> eventIds(String jobId) {
    List<Long> ids = new ArrayList<>();
    for (String range : jobId.split(",", -1)) {
      int dash = range.indexOf('-');
      try {
        long first = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
        long last = dash < 0 ? first : Long.parseLong(range.substring(dash + 1));
        if (last < first || last - first >= MOST_EVENTS_PER_JOB) {
          throw new IllegalArgumentException("Not a job's id of inbox events: " + jobId);
        }
        for (long id = first; id <= last; id++) {
          ids.add(id);
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("Not a job's id of inbox events: " + jobId, e);
      }
    }
    return ids;
  }
}
