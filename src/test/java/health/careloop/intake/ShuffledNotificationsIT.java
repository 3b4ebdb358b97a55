package health.careloop.intake;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.WorkHandler;
import health.careloop.schedule.WorkKind;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Appointment.AppointmentStatus;
import org.hl7.fhir.r4.model.Appointment.ParticipationStatus;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * About 10,000 notifications of Appointment versions (bookings, reschedules, cancellations, several
 * versions per appointment), delivered to one CareLoop in order and to another (its own database)
 * shuffled, with duplicates and replays of old versions, both through the hook as the EHR would:
 * both end up planning from each appointment's newest version, with the same reminders (kind, due
 * time, status, recipient).
 *
 * <p>Only what the newest version decides can be the same. A notice is about a change CareLoop saw:
 * the CareLoop that saw a booking and then its cancellation tells the patient of the cancellation;
 * the one that heard of the cancellation first never had the appointment as booked, and says
 * nothing (HAZ-015). So confirmations and notices are not compared; reminders and the version
 * planned from are.
 *
 * <p>The versions are made here, not in the EHR (writing 10,000 would take minutes): their patients
 * are in the EHR, read once each and then cached. Nothing is sent: what is compared is the plan,
 * and 10,000 Communications written to the EHR would be most of the run ({@link NoSending}).
 */
class ShuffledNotificationsIT {

  private static final int PATIENTS = 40;
  private static final int APPOINTMENTS = 3_500;
  private static final long SEED = 20261130L;
  private static final String REMINDER = "appointment-reminder";
  private static final Duration WAIT = Duration.ofMinutes(3);
  /**
   * Messages go to the patients alone: their guardians would be looked for in the EHR at every
   * version (never cached), thousands of searches that test the EHR's speed, not the ordering.
   */
  private static final Map<String, Object> PATIENTS_ONLY = Map.of(
      "careloop.recipients.minors", "patient-only",
      "careloop.recipients.adults-with-guardian", "patient-only");

  @Test
  void theSameVersions_inOrder_orShuffledWithDuplicatesAndReplays_leaveTheSameReminders() throws Exception {
    SandboxEhr ehr = SandboxEhr.shared();
    EhrFixtures fixtures = new EhrFixtures(ehr.client());
    List<String> patients = IntStream.range(0, PATIENTS)
        .mapToObj(i -> fixtures.patient("Eq" + i, "en", "Europe/London")).toList();
    String prefix = "eq" + Long.toString(System.nanoTime(), 36) + "-";
    List<List<Appointment>> histories = histories(prefix, patients, new Random(SEED));
    int versions = histories.stream().mapToInt(List::size).sum();

    long began = System.nanoTime();
    List<Plan> inOrder;
    try (CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, PATIENTS_ONLY, NoSending.class)) {
      careLoop.beforeAll(null);
      int rounds = histories.stream().mapToInt(List::size).max().orElse(0);
      for (int k = 0; k < rounds; k++) {
        int version = k;
        deliver(careLoop, histories.stream().filter(h -> h.size() > version).map(h -> h.get(version)).toList());
        awaitProcessed(careLoop);
      }
      inOrder = plans(careLoop, prefix);
    }
    long inOrderMillis = Duration.ofNanos(System.nanoTime() - began).toMillis();

    Random random = new Random(SEED + 1);
    List<Appointment> shuffled = new ArrayList<>();
    histories.forEach(shuffled::addAll);
    int duplicates = 0;
    int replays = 0;
    for (List<Appointment> history : histories) {
      if (random.nextInt(5) == 0) {
        shuffled.add(history.get(random.nextInt(history.size())));
        duplicates++;
      }
    }
    Collections.shuffle(shuffled, random);
    for (List<Appointment> history : histories) {
      if (history.size() > 1 && random.nextInt(5) == 0) {
        shuffled.add(history.get(0)); // an old version replayed after everything else
        replays++;
      }
    }
    began = System.nanoTime();
    List<Plan> outOfOrder;
    try (CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, PATIENTS_ONLY, NoSending.class)) {
      careLoop.beforeAll(null);
      deliver(careLoop, shuffled);
      awaitProcessed(careLoop);
      outOfOrder = plans(careLoop, prefix);
    }
    long shuffledMillis = Duration.ofNanos(System.nanoTime() - began).toMillis();
    System.out.printf("ShuffledNotificationsIT: %d versions of %d appointments; in order %d ms; shuffled"
        + " (%d notifications, %d duplicates, %d replays) %d ms%n", versions, APPOINTMENTS, inOrderMillis,
        shuffled.size(), duplicates, replays, shuffledMillis);

    assertThat(versions).as("about 10,000 notifications").isBetween(9_000, 11_000);
    assertThat(inOrder.stream().filter(p -> p.kind() != null).count()).as("reminders to compare").isGreaterThan(1_000);
    assertThat(outOfOrder).as("the same newest versions, the same reminders").isEqualTo(inOrder);
  }

  /**
   * Per appointment: booked, then zero to four changes (moved a few days, or cancelled, which ends
   * it), each a new version with a later lastUpdated, as the EHR would write them.
   */
  private static List<List<Appointment>> histories(String prefix, List<String> patients, Random random) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
    Instant written = Instant.now().minus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    List<List<Appointment>> histories = new ArrayList<>();
    for (int i = 0; i < APPOINTMENTS; i++) {
      String id = prefix + i;
      String patient = patients.get(i % patients.size());
      Instant start = now.plus(Duration.ofDays(5 + random.nextInt(40))).plus(Duration.ofHours(random.nextInt(9)));
      List<Appointment> history = new ArrayList<>();
      history.add(version(id, patient, AppointmentStatus.BOOKED, start, 1, written.plusSeconds(i)));
      int changes = random.nextInt(5) + (random.nextInt(2));
      for (int v = 2; v <= changes + 1; v++) {
        Instant lastUpdated = written.plusSeconds(i).plus(Duration.ofMinutes(v));
        if (random.nextInt(4) == 0) {
          history.add(version(id, patient, AppointmentStatus.CANCELLED, start, v, lastUpdated));
          break;
        }
        start = start.plus(Duration.ofDays(1 + random.nextInt(3)));
        history.add(version(id, patient, AppointmentStatus.BOOKED, start, v, lastUpdated));
      }
      histories.add(history);
    }
    return histories;
  }

  private static Appointment version(String id, String patient, AppointmentStatus status, Instant start, int version,
      Instant lastUpdated) {
    Appointment a = new Appointment();
    a.setId(id);
    a.getMeta().setVersionId(Integer.toString(version)).setLastUpdated(Date.from(lastUpdated));
    a.setStatus(status);
    a.setStart(Date.from(start));
    a.setEnd(Date.from(start.plus(Duration.ofMinutes(30))));
    a.addParticipant().setActor(new Reference("Patient/" + patient)).setStatus(ParticipationStatus.ACCEPTED);
    return a;
  }

  /** Through the hook, several at a time as an EHR's delivery threads would; each must be accepted. */
  private static void deliver(CareLoopInstance careLoop, List<Appointment> notifications) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (Appointment a : notifications) {
        answers.add(threads.submit(() -> careLoop.deliver(a).statusCode()));
      }
      for (Future<Integer> answer : answers) {
        assertThat(answer.get()).isBetween(200, 299);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  private static void awaitProcessed(CareLoopInstance careLoop) {
    JdbcTemplate db = careLoop.bean(JdbcTemplate.class);
    Await.until("every notification processed", WAIT, () -> db.queryForObject(
        "select count(*) from inbox_event where outcome = 'PENDING'", Integer.class) == 0);
    assertThat(db.queryForObject("select count(*) from inbox_event where outcome <> 'PROCESSED'", Integer.class))
        .as("none failed").isZero();
  }

  /**
   * One row per appointment and version planned from, then one per pending reminder: kind, due
   * time, status, recipient. Sorted, so that the order of planning does not matter.
   */
  private static List<Plan> plans(CareLoopInstance careLoop, String prefix) {
    JdbcTemplate db = careLoop.bean(JdbcTemplate.class);
    List<Plan> plans = new ArrayList<>(db.query("select appointment_id, version_id from appointment_state"
        + " where appointment_id like ?", (rs, i) -> new Plan(rs.getString(1), rs.getString(2), null, null, null,
            null, null), prefix + "%"));
    plans.addAll(db.query("select appointment_id, kind, due_at, status, patient_id, guardian from planned_message"
        + " where appointment_id like ? and kind = ? and status = 'PENDING'",
        (rs, i) -> new Plan(rs.getString(1), null, rs.getString(2), rs.getTimestamp(3).toInstant(), rs.getString(4),
            rs.getString(5), rs.getString(6)), prefix + "%", REMINDER));
    plans.sort(Plan.ORDER);
    return plans;
  }

  record Plan(String appointmentId, String plannedFromVersion, String kind, Instant dueAt, String status,
      String patientId, String guardian) {

    static final java.util.Comparator<Plan> ORDER = java.util.Comparator.comparing(Plan::toString);
  }

  /**
   * Test configuration: planned messages are not sent (their dispatch does nothing and they stay
   * pending), so that the plans, not the EHR's write speed, are what the test measures and compares.
   */
  @Configuration(proxyBeanMethods = false)
  static class NoSending {

    @Bean
    static BeanPostProcessor noDispatch() {
      return new BeanPostProcessor() {
        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
          if (bean instanceof WorkHandler handler && handler.kind() == WorkKind.DISPATCH_MESSAGE) {
            return new WorkHandler() {
              @Override
              public WorkKind kind() {
                return WorkKind.DISPATCH_MESSAGE;
              }

              @Override
              public void run(String id) {}

              @Override
              public void giveUp(String id) {}
            };
          }
          return bean;
        }
      };
    }
  }
}
