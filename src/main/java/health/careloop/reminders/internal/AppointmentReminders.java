package health.careloop.reminders.internal;

import health.careloop.intake.AppointmentChanged;
import health.careloop.reminders.ReminderPlanner;
import health.careloop.reminders.ReminderProperties;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.ResourceVersion;
import health.careloop.schedule.MessageSchedule;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each Appointment's reminders in line with its newest known version. An older or repeated
 * version changes nothing; a newer one replans (a cancellation plans nothing, which revokes).
 */
@Component
class AppointmentReminders {

  private static final Logger log = LoggerFactory.getLogger(AppointmentReminders.class);

  private final AppointmentStateRepository states;
  private final MessageSchedule schedule;
  private final ReminderPlanner planner;
  private final Clock clock;

  AppointmentReminders(AppointmentStateRepository states, MessageSchedule schedule,
      ReminderProperties properties, Clock clock) {
    this.states = states;
    this.schedule = schedule;
    this.planner = new ReminderPlanner(properties.offsets());
    this.clock = clock;
  }

  /** Runs inside the inbox transaction (see InboxProcessor). */
  @EventListener
  void on(AppointmentChanged event) {
    AppointmentSnapshot appointment = event.appointment();
    AppointmentState state = states.findForUpdate(appointment.id())
        .orElseGet(() -> new AppointmentState(appointment.id()));
    if (state.versionId() != null
        && !appointment.version().isNewerThan(new ResourceVersion(state.versionId(), state.lastUpdated()))) {
      log.info("Appointment/{} version {} is not newer than version {}: ignored",
          appointment.id(), appointment.version().versionId(), state.versionId());
      return;
    }
    var now = clock.instant();
    state.record(appointment.version().versionId(), appointment.version().lastUpdated(),
        appointment.status().name(), appointment.start(), now);
    states.save(state);
    schedule.replan(appointment.id(), planner.wanted(appointment, now),
        "Appointment/" + appointment.id() + " version " + appointment.version().versionId()
            + " is " + appointment.status().name().toLowerCase());
  }
}
