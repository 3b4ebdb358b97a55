package health.careloop.reminders.internal;

import health.careloop.intake.AppointmentChanged;
import health.careloop.intake.ResourceDeleted;
import health.careloop.intake.RewrittenHistory;
import health.careloop.reminders.AppointmentPlan;
import health.careloop.reminders.ReminderPlanner;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.ResourceVersion;
import health.careloop.rules.ResourceVersion.Arrival;
import health.careloop.schedule.MessageSchedule;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Keeps each Appointment's messages in line with its newest known version. An older or repeated
 * version changes nothing; a newer one is compared with the last one planned from, and the
 * difference decides what is said (see {@link ReminderPlanner}). A version from a history the EHR
 * rewrote (reset, restored: {@link ResourceVersion#arrivingAfter}) is planned from as the present
 * state, as if seen for the first time.
 */
@Component
class AppointmentReminders {

  private static final Logger log = LoggerFactory.getLogger(AppointmentReminders.class);

  private final AppointmentStateRepository states;
  private final MessageSchedule schedule;
  private final ReminderPlanner planner;
  private final ReachablePatients reachablePatients;
  private final LatePatients latePatients;
  private final RewrittenHistory rewrites;
  private final Clock clock;

  AppointmentReminders(AppointmentStateRepository states, MessageSchedule schedule, ReminderPlanner planner,
      ReachablePatients reachablePatients, LatePatients latePatients,
      RewrittenHistory rewrites, Clock clock) {
    this.states = states;
    this.schedule = schedule;
    this.planner = planner;
    this.reachablePatients = reachablePatients;
    this.latePatients = latePatients;
    this.rewrites = rewrites;
    this.clock = clock;
  }

  /** Runs inside the inbox transaction (see InboxProcessor). */
  @EventListener
  void on(AppointmentChanged event) {
    AppointmentSnapshot appointment = event.appointment();
    AppointmentState state = states.findForUpdate(appointment.id())
        .orElseGet(() -> new AppointmentState(appointment.id()));
    AppointmentSnapshot held = state.isKnown() ? state.toSnapshot() : null;
    Arrival arrival = held == null ? Arrival.NEWER
        : appointment.version().arrivingAfter(held.version(), event.versionSeenWithOtherContent());
    if (arrival == Arrival.NOT_NEWER) {
      log.info("Appointment/{} version {} is not newer than version {}: ignored",
          appointment.id(), appointment.version().versionId(), held.version().versionId());
      return;
    }
    if (arrival == Arrival.REWRITTEN && !event.versionSeenWithOtherContent()) {
      rewrites.report("Appointment", appointment.id(), appointment.version().versionId(),
          "written after version " + held.version().versionId() + " that CareLoop planned from");
    }
    // What CareLoop held belongs to another history (another patient or slot, perhaps): nothing is
    // said about a change from it (no "moved" notice quoting its slot), and its pending messages
    // that the present state does not want are revoked by the replan.
    AppointmentSnapshot before = arrival == Arrival.REWRITTEN ? null : held;
    Instant now = clock.instant();
    // Never planned from before, so nothing of it is pending: when nothing can be planned for
    // anyone either, its patients are not read (a catch-up over past appointments reads no one).
    Optional<AppointmentPlan> nothing = held == null
        ? planner.nothingForAnyoneAtFirstSight(appointment, now) : Optional.empty();
    ReachablePatients.Found patients = nothing.isPresent()
        ? ReachablePatients.Found.NOT_READ : reachablePatients.of(appointment);
    AppointmentPlan plan = nothing.orElseGet(() -> planner.plan(before, appointment, patients.reach(), now));
    plan.notPlanned().forEach(why -> log.info("Not planned: {}", why));
    state.record(appointment, now);
    states.save(state);
    schedule.replan(appointment.id(), plan.wanted(), plan.keepIfPending(),
        "Appointment/" + appointment.id() + " version " + appointment.version().versionId() + ": "
            + (arrival == Arrival.REWRITTEN ? "rewritten history, " : "")
            + plan.transition().name().toLowerCase().replace('_', ' '));
    // The EHR may hold the Appointment before its Patient (replicated separately): look again later.
    patients.notInEhr().forEach(patientId -> latePatients.expect(appointment.id(), patientId));
  }

  /**
   * The EHR deleted the Appointment: every pending message about it is revoked, none is planned (a
   * deletion is the EHR's record being withdrawn, not a cancellation the patient is told about).
   * Runs inside the transaction that acknowledges the notification.
   */
  @EventListener(condition = "#event.resourceType() == 'Appointment'")
  void on(ResourceDeleted event) {
    schedule.replan(event.resourceId(), List.of(), Set.of(), event.reason());
  }
}
