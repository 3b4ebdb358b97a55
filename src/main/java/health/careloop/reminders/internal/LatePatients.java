package health.careloop.reminders.internal;

import health.careloop.ehr.CurrentAppointments;
import health.careloop.reminders.AppointmentPlan;
import health.careloop.reminders.ReminderPlanner;
import health.careloop.reminders.ReminderProperties;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.schedule.DeferredWork;
import health.careloop.schedule.MessageSchedule;
import health.careloop.schedule.WaitHandler;
import health.careloop.schedule.WorkKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Plans for a Patient the EHR did not have when their Appointment was planned. An EHR that
 * replicates Patients and Appointments separately can send the Appointment before the server
 * CareLoop reads from holds its Patient, and a miss is cached like a hit: without this, such an
 * appointment would never get its messages.
 *
 * <p>CareLoop looks for the Patient again, afresh each time (never a miss remembered by the cache),
 * for {@code careloop.reminders.missing-patient-retry}, as durable work that survives a restart
 * ({@link DeferredWork#await}). Once the EHR has the Patient, their messages are planned as for an
 * appointment CareLoop sees for the first time (they have been told nothing yet: a booking gets its
 * confirmation); the messages of the appointment's other patients are left as they are. If the wait
 * ends first, the messages they would have had are recorded as skipped with the reason, so that
 * the plan integrators see on the façade says what was not done and why instead of showing nothing.
 */
@Component
class LatePatients implements WaitHandler {

  private static final Logger log = LoggerFactory.getLogger(LatePatients.class);

  static final String RETRY_KEY = "careloop.reminders.missing-patient-retry";

  private final AppointmentStateRepository states;
  private final CurrentAppointments appointments;
  private final ReachablePatients reachablePatients;
  private final ReminderPlanner planner;
  private final MessageSchedule schedule;
  private final DeferredWork work;
  private final TransactionTemplate transaction;
  private final Duration retry;
  private final Clock clock;

  LatePatients(AppointmentStateRepository states, CurrentAppointments appointments,
      ReachablePatients reachablePatients, ReminderPlanner planner, MessageSchedule schedule, DeferredWork work,
      TransactionTemplate transaction, ReminderProperties properties, Clock clock) {
    this.states = states;
    this.appointments = appointments;
    this.reachablePatients = reachablePatients;
    this.planner = planner;
    this.schedule = schedule;
    this.work = work;
    this.transaction = transaction;
    this.retry = properties.missingPatientRetry();
    this.clock = clock;
  }

  @Override
  public WorkKind kind() {
    return WorkKind.PLAN_LATE_PATIENT;
  }

  /**
   * Starts looking for a Patient the EHR did not have when the appointment was planned (a no-op if
   * CareLoop is looking already). Runs inside the planning transaction: no plan, no wait.
   */
  void expect(String appointmentId, String patientId) {
    Instant until = clock.instant().plus(retry);
    work.await(WorkKind.PLAN_LATE_PATIENT, id(appointmentId, patientId), until);
    log.info("Appointment/{}: Patient/{} is not in the EHR; looking for them again until {}", appointmentId,
        patientId, until);
  }

  /** The wait's id: FHIR logical ids never contain a slash. */
  static String id(String appointmentId, String patientId) {
    return appointmentId + "/" + patientId;
  }

  @Override
  public boolean attempt(String id) {
    Awaited awaited = Awaited.of(id);
    return Boolean.TRUE.equals(transaction.execute(status -> {
      Optional<AppointmentSnapshot> appointment = stillNaming(awaited);
      if (appointment.isEmpty()) {
        return true;
      }
      ReachablePatients.Lookup patient = reachablePatients.afresh(appointment.get(), awaited.patientId());
      if (!patient.inEhr()) {
        return false;
      }
      patient.reach().ifPresent(reach -> {
        AppointmentPlan plan = planner.plan(null, appointment.get(), Map.of(awaited.patientId(), reach), clock.instant());
        schedule.replanFor(awaited.appointmentId(), awaited.patientId(), plan.wanted(), plan.keepIfPending(),
            "Patient/" + awaited.patientId() + " is in the EHR now");
      });
      log.info("Appointment/{}: Patient/{} is in the EHR now; {}", awaited.appointmentId(), awaited.patientId(),
          patient.reach().isPresent() ? "planned for them" : "they may not be messaged");
      return true;
    }));
  }

  @Override
  public void giveUp(String id) {
    Awaited awaited = Awaited.of(id);
    transaction.executeWithoutResult(status -> stillNaming(awaited).ifPresent(appointment -> {
      AppointmentPlan plan = planner.plan(null, appointment,
          Map.of(awaited.patientId(), reachablePatients.unread(appointment)), clock.instant());
      schedule.recordNotPlanned(plan.wanted(), notPlannedReason(awaited.patientId()));
      log.warn("Appointment/{}: Patient/{} still not in the EHR after {}: {} message(s) recorded as not planned",
          awaited.appointmentId(), awaited.patientId(), retry, plan.wanted().size());
    }));
  }

  /** Says why in words an integrator can act on: which Patient, for how long, and the setting. */
  String notPlannedReason(String patientId) {
    return "not planned: the EHR had no Patient/" + patientId + " when the appointment arrived"
        + (retry.isZero() ? " (" + RETRY_KEY + " is PT0S)" : ", nor in the " + retry + " after (" + RETRY_KEY + ")");
  }

  /**
   * The appointment as the EHR holds it now, locked against its notifications' planning, while it
   * still names the patient; empty (nothing left to wait for) once it no longer does or is gone.
   */
  private Optional<AppointmentSnapshot> stillNaming(Awaited awaited) {
    if (states.findForUpdate(awaited.appointmentId()).isEmpty()) {
      return Optional.empty();
    }
    Optional<AppointmentSnapshot> appointment = appointments.read(awaited.appointmentId())
        .filter(a -> a.patientIds().contains(awaited.patientId()));
    if (appointment.isEmpty()) {
      log.info("Appointment/{} is no longer in the EHR, or no longer names Patient/{}: nothing to wait for",
          awaited.appointmentId(), awaited.patientId());
    }
    return appointment;
  }

  /** The appointment and the patient a wait is for. */
  private record Awaited(String appointmentId, String patientId) {

    static Awaited of(String id) {
      int slash = id.indexOf('/');
      return new Awaited(id.substring(0, slash), id.substring(slash + 1));
    }
  }
}
