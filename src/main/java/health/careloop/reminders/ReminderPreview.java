package health.careloop.reminders;

import health.careloop.reminders.internal.ReachablePatients;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.schedule.MessageDraft;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The plan an Appointment would get now, computed exactly as for a real notification of an
 * appointment CareLoop has not seen before, but written nowhere: what integrators see through
 * {@code $preview}.
 */
@Service
public class ReminderPreview {

  private final ReminderPlanner planner;
  private final ReachablePatients reachablePatients;
  private final Clock clock;

  ReminderPreview(ReminderPlanner planner, ReachablePatients reachablePatients, Clock clock) {
    this.planner = planner;
    this.reachablePatients = reachablePatients;
    this.clock = clock;
  }

  public List<MessageDraft> preview(AppointmentSnapshot appointment) {
    return planner.plan(null, appointment, reachablePatients.of(appointment).reach(), clock.instant()).wanted();
  }
}
