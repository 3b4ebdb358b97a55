package health.careloop.reminders.internal;

import health.careloop.intake.AppointmentChanged;
import health.careloop.reminders.AppointmentPlan;
import health.careloop.reminders.ReminderPlanner;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.schedule.MessageSchedule;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each Appointment's messages in line with its newest known version. An older or repeated
 * version changes nothing; a newer one is compared with the last one planned from, and the
 * difference decides what is said (see {@link ReminderPlanner}).
 */
@Component
class AppointmentReminders {

  private static final Logger log = LoggerFactory.getLogger(AppointmentReminders.class);

  private final AppointmentStateRepository states;
  private final MessageSchedule schedule;
  private final ReminderPlanner planner;
  private final ReachablePatients reachablePatients;
  private final LatePatients latePatients;
  private final Clock clock;

  AppointmentReminders(AppointmentStateRepository states, MessageSchedule schedule, ReminderPlanner planner,
      ReachablePatients reachablePatients, LatePatients latePatients, Clock clock) {
    this.states = states;
    this.schedule = schedule;
    this.planner = planner;
    this.reachablePatients = reachablePatients;
    this.latePatients = latePatients;
    this.clock = clock;
  }

  /** Runs inside the inbox transaction (see InboxProcessor). */
  @EventListener
  void on(AppointmentChanged event) {
    AppointmentSnapshot appointment = event.appointment();
    AppointmentState state = states.findForUpdate(appointment.id())
        .orElseGet(() -> new AppointmentState(appointment.id()));
    AppointmentSnapshot before = state.isKnown() ? state.toSnapshot() : null;
    if (before != null && !appointment.version().isNewerThan(before.version())) {
      log.info("Appointment/{} version {} is not newer than version {}: ignored",
          appointment.id(), appointment.version().versionId(), before.version().versionId());
      return;
    }
    Instant now = clock.instant();
    ReachablePatients.Found patients = reachablePatients.of(appointment);
    AppointmentPlan plan = planner.plan(before, appointment, patients.reach(), now);
    plan.notPlanned().forEach(why -> log.info("Not planned: {}", why));
    state.record(appointment, now);
    states.save(state);
    schedule.replan(appointment.id(), plan.wanted(), plan.keepIfPending(),
        "Appointment/" + appointment.id() + " version " + appointment.version().versionId() + ": "
            + plan.transition().name().toLowerCase().replace('_', ' '));
    // The EHR may hold the Appointment before its Patient (replicated separately): look again later.
    patients.notInEhr().forEach(patientId -> latePatients.expect(appointment.id(), patientId));
  }
}
