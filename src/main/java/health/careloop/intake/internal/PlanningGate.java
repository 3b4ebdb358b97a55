package health.careloop.intake.internal;

import health.careloop.schedule.SchedulerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * While the hook is flooded, planning yields the cores to it: at most
 * {@code careloop.scheduler.intake-threads-while-hook-busy} notifications are planned at once while
 * {@code careloop.scheduler.hook-busy-at} or more deliveries are in flight at the hook; otherwise
 * as many as the intake scheduler has threads.
 *
 * <p>Why: the hook and planning share the cores, and planning also keeps the EHR busy (its reads,
 * then the sends of what it planned). When the EHR delivers faster than CareLoop plans, every
 * notification planned during the flood is one more the hook answers late: the EHR's delivery
 * threads wait on CareLoop, and what they hold (HAPI FHIR's JPA server keeps its delivery queue in
 * memory) is at risk until CareLoop has stored it. Stored, a notification is safe and is planned
 * as soon as the flood passes. Under the usual load (a few deliveries at once, even in a booking
 * storm) the gate never closes and planning keeps every thread.
 *
 * <p>A planner waiting at the gate holds its scheduler thread, not a database connection or a
 * lock; its execution stays picked (db-scheduler's heartbeats go on), so no other replica takes it.
 */
@Component
class PlanningGate {

  private static final Logger log = LoggerFactory.getLogger(PlanningGate.class);

  /** How often a waiting planner looks again whether the hook has calmed down. */
  static final long RECHECK_MILLIS = 20;
  static final String HELD_BACK = "careloop.intake.planning.held.back";

  private final IntSupplier hookInFlight;
  private final int busyAt;
  private final int whileBusy;
  private final Counter heldBack;
  /** Notifications being planned now; guarded by {@code this}. */
  private int planning;

  @Autowired
  PlanningGate(HookInFlight hook, SchedulerProperties capacity, MeterRegistry registry) {
    this(hook::now, capacity.hookBusyAt(), capacity.intakeThreadsWhileHookBusy(), registry);
  }

  PlanningGate(IntSupplier hookInFlight, int busyAt, int whileBusy, MeterRegistry registry) {
    this.hookInFlight = hookInFlight;
    this.busyAt = busyAt;
    this.whileBusy = whileBusy;
    this.heldBack = Counter.builder(HELD_BACK)
        .description("Notifications whose planning waited for a flooded hook to calm down")
        .register(registry);
  }

  /**
   * Runs {@code planning} once it may start: at once unless the hook is busy and
   * {@code whileBusy} others are planning already.
   *
   * @throws IllegalStateException if interrupted while waiting (the scheduler is stopping): the
   *     notification was not planned, and its work is tried again
   */
  void pass(Runnable planning) {
    enter();
    try {
      planning.run();
    } finally {
      leave();
    }
  }

  private synchronized void enter() {
    if (hookBusy() && planning >= whileBusy) {
      heldBack.increment();
      log.debug("Planning held back: {} deliveries in flight at the hook, {} planning", hookInFlight.getAsInt(), planning);
    }
    while (hookBusy() && planning >= whileBusy) {
      try {
        wait(RECHECK_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for the hook to calm down; not planned", e);
      }
    }
    planning++;
  }

  private synchronized void leave() {
    planning--;
    notifyAll();
  }

  private boolean hookBusy() {
    return hookInFlight.getAsInt() >= busyAt;
  }

  /** Notifications being planned now (for tests). */
  synchronized int planning() {
    return planning;
  }

  /** Notifications whose planning waited at the gate so far (for tests). */
  long heldBack() {
    return (long) heldBack.count();
  }
}
