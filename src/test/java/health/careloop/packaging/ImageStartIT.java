package health.careloop.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopProcess;
import health.careloop.support.EhrFixtures;
import health.careloop.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * CareLoop as its image starts it: the packaged jar extracted, with the class data sharing archive
 * made by {@code src/main/docker/cds-archive.sh} (the script the image's build runs), in a process
 * of its own on PostgreSQL. The JVM is told to use the archive or stop ({@code -Xshare:on}), so a
 * script whose training start no longer works, or whose archive no longer fits the jars, fails
 * here, not in an image build no test runs. Ready, it confirms a booking: the archived classes are
 * CareLoop's, working.
 */
class ImageStartIT {

  private static SandboxEhr ehr;
  private static CareLoopProcess careLoop;

  @BeforeAll
  static void startEhr() {
    // Its own: the process's Subscriptions stay in the EHR after it stops.
    ehr = SandboxEhr.start(0, true);
  }

  @AfterAll
  static void stop() {
    if (careLoop != null) {
      careLoop.close();
    }
    ehr.close();
  }

  @Test
  void theExtractedJarWithItsStartUpArchive_startsReady_andConfirmsABooking() {
    careLoop = CareLoopProcess.start("image-start", ehr, TestDatabase.freshPostgres(), null, Map.of(),
        CareLoopProcess.Launch.CDS, CareLoopProcess.TEST_JVM);
    assertThat(careLoop.logText()).contains("-XX:SharedArchiveFile=").contains("careloop.jsa");

    EhrFixtures fixtures = new EhrFixtures(ehr.client());
    String patient = fixtures.patient("Ines", "en", "Europe/London");
    fixtures.book(patient, null, Instant.now().plus(Duration.ofDays(4)));

    Await.until("the booking confirmed by the archived start", Duration.ofSeconds(60),
        () -> !fixtures.communicationsFor(patient, "appointment-confirmation").isEmpty());
  }
}
