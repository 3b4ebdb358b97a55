package health.careloop.intake.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PlanningGateTest {

  private static final int BUSY_AT = 8;
  private static final int WHILE_BUSY = 2;

  private final AtomicInteger hookInFlight = new AtomicInteger();
  private final PlanningGate gate = new PlanningGate(hookInFlight::get, BUSY_AT, WHILE_BUSY, new SimpleMeterRegistry());
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<Thread> planners = new ArrayList<>();

  @AfterEach
  void releaseEveryone() throws InterruptedException {
    release.countDown();
    for (Thread planner : planners) {
      planner.interrupt();
      planner.join(5_000);
    }
  }

  @Test
  void whileTheHookHasTheUsualFewDeliveries_everyPlannerPlansAtOnce() throws InterruptedException {
    hookInFlight.set(BUSY_AT - 1);
    List<CountDownLatch> started = List.of(startPlanner(), startPlanner(), startPlanner(), startPlanner());

    for (CountDownLatch s : started) {
      assertThat(s.await(5, TimeUnit.SECONDS)).as("a planner started").isTrue();
    }
    assertThat(gate.planning()).isEqualTo(4);
    assertThat(gate.heldBack()).isZero();
  }

  @Test
  void whileTheHookIsFlooded_onlyTheAllowedFewPlan_andTheNextStartsWhenOneFinishes() throws InterruptedException {
    hookInFlight.set(BUSY_AT);
    CountDownLatch finishFirst = new CountDownLatch(1);
    awaitStarted(startPlanner(finishFirst), startPlanner());

    CountDownLatch third = startPlanner();
    assertThat(third.await(300, TimeUnit.MILLISECONDS)).as("a third planner waits while two plan").isFalse();
    assertThat(gate.planning()).isEqualTo(WHILE_BUSY);

    assertThat(gate.heldBack()).as("counted as held back").isEqualTo(1);

    finishFirst.countDown();
    assertThat(third.await(5, TimeUnit.SECONDS)).as("the third starts once the first is done").isTrue();
    assertThat(gate.planning()).isEqualTo(WHILE_BUSY);
  }

  @Test
  void aWaitingPlanner_startsAsSoonAsTheHookCalmsDown() throws InterruptedException {
    hookInFlight.set(BUSY_AT + 20);
    awaitStarted(startPlanner(), startPlanner());
    CountDownLatch third = startPlanner();
    assertThat(third.await(300, TimeUnit.MILLISECONDS)).isFalse();

    hookInFlight.set(1);
    assertThat(third.await(5, TimeUnit.SECONDS)).as("the third starts without either of the others finishing").isTrue();
    assertThat(gate.planning()).isEqualTo(3);
  }

  @Test
  void aPlannerInterruptedWhileWaiting_plansNothing_andSaysSo() throws InterruptedException {
    hookInFlight.set(BUSY_AT);
    awaitStarted(startPlanner(), startPlanner());
    AtomicBoolean ran = new AtomicBoolean();
    AtomicInteger failures = new AtomicInteger();
    Thread waiting = new Thread(() -> {
      try {
        gate.pass(() -> ran.set(true));
      } catch (IllegalStateException expected) {
        failures.incrementAndGet();
      }
    });
    waiting.start();
    Thread.sleep(200);
    waiting.interrupt();
    waiting.join(5_000);

    assertThat(ran).isFalse();
    assertThat(failures).hasValue(1);
    assertThat(gate.planning()).isEqualTo(WHILE_BUSY);
  }

  @Test
  void aPlanThatFails_leavesItsPlaceFree() {
    hookInFlight.set(BUSY_AT);
    assertThatThrownBy(() -> gate.pass(() -> {
      throw new IllegalArgumentException("planning failed");
    })).isInstanceOf(IllegalArgumentException.class);

    assertThat(gate.planning()).isZero();
  }

  /** The planners already started are planning before the test starts the next one. */
  private static void awaitStarted(CountDownLatch... started) throws InterruptedException {
    for (CountDownLatch s : started) {
      assertThat(s.await(5, TimeUnit.SECONDS)).as("a planner started").isTrue();
    }
  }

  private CountDownLatch startPlanner() {
    return startPlanner(release);
  }

  /** A planner that, once through the gate, plans until {@code finish} opens; the latch returned opens when it starts. */
  private CountDownLatch startPlanner(CountDownLatch finish) {
    CountDownLatch started = new CountDownLatch(1);
    Thread planner = new Thread(() -> {
      try {
        gate.pass(() -> {
          started.countDown();
          try {
            finish.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      } catch (IllegalStateException interruptedWhileWaiting) {
        // the test is over
      }
    });
    planner.start();
    planners.add(planner);
    return started;
  }
}
