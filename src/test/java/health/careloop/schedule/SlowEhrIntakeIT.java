package health.careloop.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An EHR that hangs on CareLoop's Communication writes must not stall intake: while every thread
 * of the dispatch scheduler waits on the EHR, a new booking's notification is still turned into its
 * plan at once, on intake's own threads. CareLoop runs with one dispatch thread and one intake
 * thread here, and more messages due than dispatch threads.
 */
class SlowEhrIntakeIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  /** Far below the hold: a plan made within it was not waiting for a dispatch to finish. */
  private static final Duration PROMPTLY = Duration.ofSeconds(8);

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());
  private static final HungCommunicationWrites hung = new HungCommunicationWrites();
  private static final SandboxEhr.Withholding intercepting = ehr.intercept(hung);

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
      "careloop.reminders.confirmation", "false",
      "db-scheduler.threads", "1",
      "careloop.scheduler.intake-threads", "1"));

  @AfterAll
  static void stopIntercepting() {
    hung.releaseAll();
    intercepting.close();
  }

  @Test
  void whileEveryDispatchThreadWaitsOnTheEhr_aNewBookingIsStillPlannedAtOnce() {
    warmUpTheSendingPath();
    Instant start = careLoop.clock().instant().plus(Duration.ofDays(3));
    List<String> patients = new ArrayList<>();
    List<String> appointments = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String patient = fixtures.patient("Slow" + i, "en", null);
      String appointment = fixtures.book(patient, null, start).getIdElement().getIdPart();
      patients.add(patient);
      appointments.add(appointment);
      hung.hang(appointment);
      Await.until("Appointment/" + appointment + " planned", WAIT, () -> careLoop.planned(appointment).size() == 2);
    }

    try {
      careLoop.advanceClock(Duration.between(careLoop.clock().instant(), start.minus(Duration.ofDays(2)).plusSeconds(1)));
      Await.until("the dispatch thread waits on the EHR", WAIT, () -> hung.waiting() == 1);

      String newPatient = fixtures.patient("Prompt", "en", null);
      String booked = fixtures.book(newPatient, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
          .getIdElement().getIdPart();
      Await.until("the new booking planned while the EHR hangs", PROMPTLY,
          () -> careLoop.planned(booked).size() == 2);
      assertThat(hung.waiting()).as("the dispatch still waits on the EHR").isEqualTo(1);
    } finally {
      hung.releaseAll();
    }

    for (int i = 0; i < appointments.size(); i++) {
      String appointment = appointments.get(i);
      Await.until("the first reminder of Appointment/" + appointment + " sent", WAIT,
          () -> careLoop.planned(appointment).stream().anyMatch(m -> m.status() == PlannedMessageStatus.SENT));
      assertThat(fixtures.communicationsFor(patients.get(i), "appointment-reminder")).hasSize(1);
    }
  }

  /**
   * One message sent end to end first: the first send in a JVM loads the profile validator, which
   * takes many seconds on a busy machine and would blur what the test measures.
   */
  private static void warmUpTheSendingPath() {
    String patient = fixtures.patient("Warm", "en", null);
    Instant start = careLoop.clock().instant().plus(Duration.ofDays(3));
    String appointment = fixtures.book(patient, null, start).getIdElement().getIdPart();
    Await.until("Appointment/" + appointment + " planned", WAIT, () -> careLoop.planned(appointment).size() == 2);
    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), start.minus(Duration.ofDays(2)).plusSeconds(1)));
    Await.until("the warm-up reminder sent", Duration.ofSeconds(90),
        () -> careLoop.planned(appointment).stream().anyMatch(m -> m.status() == PlannedMessageStatus.SENT));
  }

  /**
   * A HAPI server interceptor that holds the Communication creates about the appointments it was
   * given until the test lets them go (at most 18 s, under CareLoop's 20 s read timeout): an EHR
   * that has stopped answering. Other test classes' requests pass.
   */
  static final class HungCommunicationWrites {
    private final Set<String> appointments = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);
    private final AtomicInteger waiting = new AtomicInteger();

    void hang(String appointmentId) {
      appointments.add(appointmentId);
    }

    int waiting() {
      return waiting.get();
    }

    void releaseAll() {
      released.countDown();
    }

    @Hook(Pointcut.SERVER_INCOMING_REQUEST_PRE_HANDLED)
    public void beforeCreate(RequestDetails request, RestOperationTypeEnum operation) throws InterruptedException {
      if (operation != RestOperationTypeEnum.CREATE || !"Communication".equals(request.getResourceName())
          || request.getHeader("If-None-Exist") == null) {
        return;
      }
      String condition = URLDecoder.decode(request.getHeader("If-None-Exist"), StandardCharsets.UTF_8);
      if (appointments.stream().noneMatch(id -> condition.contains("Appointment/" + id + ":"))) {
        return;
      }
      waiting.incrementAndGet();
      try {
        released.await(18, TimeUnit.SECONDS);
      } finally {
        waiting.decrementAndGet();
      }
    }
  }
}
