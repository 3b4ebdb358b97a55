package health.careloop.intake;

import java.time.Instant;
import java.util.Map;

/** How current CareLoop's view of the EHR is, as intake knows it (CareLoop's database, no EHR call). */
public interface IntakeStatus {

  /** Per resource type, when the EHR's last notification of it arrived (at any replica, to within a minute). */
  Map<String, Instant> lastNotifications();

  /** Per resource type caught up on, the time up to which the inbox holds every change the EHR made. */
  Map<String, Instant> caughtUpTo();

  /** Notifications stored but not processed yet. */
  long pendingEvents();
}
