package health.careloop.reminders;

import health.careloop.rules.AppointmentSnapshot;
import health.careloop.schedule.MessageDraft;
import java.time.Clock;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * The plan an Appointment would get now, computed exactly as for a real notification but written
 * nowhere: what integrators see through {@code $preview}.
 */
@Service
public class ReminderPreview {

  private final ReminderPlanner planner;
  private final Clock clock;

  ReminderPreview(ReminderProperties properties, Clock clock) {
    this.planner = new ReminderPlanner(properties.offsets());
    this.clock = clock;
  }

  public List<MessageDraft> preview(AppointmentSnapshot appointment) {
    return planner.wanted(appointment, clock.instant());
  }
}
