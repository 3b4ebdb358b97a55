package health.careloop.faults;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopProcess;
import health.careloop.support.EhrFixtures;
import health.careloop.support.FaultLedger;
import health.careloop.support.FaultLedger.Tally;
import health.careloop.support.PauseAfterSend;
import health.careloop.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CareLoop killed with SIGKILL three times while it writes confirmations into the EHR (once a
 * fifth, half and four fifths of them are there), started again each time on the same database:
 * every confirmation is still written, and written once. What a kill interrupts is a dispatch that
 * wrote its Communication but never committed, or one that was picked and never finished; the next
 * life runs both again (db-scheduler's dead-execution detection), and the conditional create on the
 * message key finds what the EHR already holds. Each dispatch waits 300 ms between its EHR write
 * and its commit ({@link PauseAfterSend}, test configuration in the child JVM), so that the kills
 * land in that window, not only between dispatches; the test checks that at least one did.
 *
 * <p>Its own sandbox EHR, so that the catch-up may run (notifications the EHR gave up on while
 * CareLoop was down are found by search) and the counts are CareLoop's alone.
 */
class KillDuringDispatchFaultIT {

  private static final Logger log = LoggerFactory.getLogger(KillDuringDispatchFaultIT.class);
  private static final int APPOINTMENTS = Integer.getInteger("careloop.faults.appointments", 200);
  private static final String CONFIRMATION = "appointment-confirmation";
  private static final double[] KILL_AT = {0.2, 0.5, 0.8};

  private static SandboxEhr ehr;
  private static CareLoopProcess careLoop;

  @BeforeAll
  static void ehr() {
    ehr = SandboxEhr.start(0, true);
  }

  @AfterAll
  static void stop() {
    if (careLoop != null) {
      careLoop.close();
    }
    if (ehr != null) {
      ehr.close();
    }
  }

  @Test
  void killedThreeTimesWhileWriting_everyConfirmationIsWrittenOnce() throws Exception {
    long began = System.nanoTime();
    EhrFixtures fixtures = new EhrFixtures(ehr.client());
    List<String> patients = new ArrayList<>();
    for (int i = 0; i < APPOINTMENTS; i++) {
      patients.add(fixtures.patient("Kill" + i, "en", "Europe/London"));
    }
    TestDatabase database = TestDatabase.freshPostgres();
    careLoop = CareLoopProcess.start("kill-during-dispatch", ehr, database, null, Map.of(
        "careloop.catch-up.enabled", "true",
        "careloop.catch-up.interval", "PT15S",
        // A dispatch the kill left picked is run again once its heartbeat is this old (2 s × 5),
        // rather than after the production minute: the test is about what happens then, not when.
        "db-scheduler.heartbeat-interval", "2s",
        "db-scheduler.missed-heartbeats-limit", "5",
        PauseAfterSend.PAUSE_KEY, "300ms"), PauseAfterSend.class);

    Instant start = Instant.now().plus(Duration.ofDays(5));
    CompletableFuture<Void> booking = CompletableFuture.runAsync(() -> {
      for (int i = 0; i < patients.size(); i++) {
        fixtures.book(patients.get(i), null, start.plus(Duration.ofMinutes(i)));
      }
    });

    List<Integer> writtenAtKill = new ArrayList<>();
    int uncommittedAtKills = 0;
    for (double fraction : KILL_AT) {
      int threshold = (int) Math.ceil(APPOINTMENTS * fraction);
      int written = Await.value("at least " + threshold + " confirmations in the EHR", Duration.ofMinutes(3), () -> {
        int n = FaultLedger.communicationCount(ehr.client());
        return n >= threshold ? n : null;
      });
      careLoop.kill();
      writtenAtKill.add(written);
      // Written to the EHR but not committed as SENT when the process died: the crash window the
      // conditional create closes.
      int inEhr = FaultLedger.communicationCount(ehr.client());
      long sent = FaultLedger.planned(database, CONFIRMATION).values().stream().filter("SENT"::equals).count();
      uncommittedAtKills += (int) (inEhr - sent);
      log.info("Killed CareLoop (SIGKILL) with {} of {} confirmations in the EHR, {} SENT in its database",
          inEhr, APPOINTMENTS, sent);
      careLoop.startAgain();
    }
    booking.get();

    Await.until(APPOINTMENTS + " confirmations SENT", Duration.ofMinutes(3), () -> {
      Map<String, String> planned = FaultLedger.planned(database, CONFIRMATION);
      return planned.size() == APPOINTMENTS && planned.values().stream().allMatch("SENT"::equals);
    });
    Tally tally = Tally.of(FaultLedger.planned(database, CONFIRMATION), FaultLedger.communicationsPerKey(ehr.client()));
    log.info("After {} SIGKILLs (at {} written; {} written but not committed when killed): {}; took {} s",
        KILL_AT.length, writtenAtKill, uncommittedAtKills, tally, Duration.ofNanos(System.nanoTime() - began).toSeconds());

    assertThat(uncommittedAtKills).as("Communications in the EHR whose dispatch a kill cut off before its commit:"
        + " the window where a restart could write a message twice").isPositive();
    assertThat(writtenAtKill).as("each kill came while confirmations were being written")
        .allMatch(n -> n < APPOINTMENTS);
    assertThat(tally.planned()).isEqualTo(APPOINTMENTS);
    assertThat(tally.sent()).isEqualTo(APPOINTMENTS);
    assertThat(tally.duplicated()).as("message keys with more than one Communication").isEmpty();
    assertThat(tally.missing()).as("planned message keys without a Communication").isEmpty();
    assertThat(tally.written()).isEqualTo(APPOINTMENTS);
  }
}
