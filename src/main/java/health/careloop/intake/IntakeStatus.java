package health.careloop.intake;

import java.time.Instant;
import java.util.Map;

/** How current CareLoop's view of the EHR is, as intake knows it (CareLoop's database, no EHR call). */
public interface IntakeStatus {

  /** Per resource type, when the EHR's last notification of it arrived (at any replica, to within a minute). */
  Map<String, Instant> lastNotifications();

  /** Per resource type caught up on, the time up to which the inbox holds every change the EHR made. */
  Map<String, Instant> caughtUpTo();

  /**
   * Per resource type, the last catch-up search that failed (whenever it was: compare with
   * {@link #caughtUpTo()} to know whether one succeeded since).
   */
  Map<String, CatchUpFailure> lastCatchUpFailures();

  /**
   * @param problem the HTTP status and issue code, or the kind of failure; never the EHR's text
   */
  record CatchUpFailure(Instant at, String problem) {}

  /** Notifications stored but not processed yet. */
  long pendingEvents();
}
