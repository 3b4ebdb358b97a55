package health.careloop.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import health.careloop.CareLoopFhir;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.Await;
import health.careloop.support.CareLoopProcess;
import health.careloop.support.EhrFixtures;
import health.careloop.support.FaultLedger;
import health.careloop.support.FaultLedger.Tally;
import health.careloop.support.RoundRobinProxy;
import health.careloop.support.TestDatabase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Subscription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two CareLoop processes on one database, as two replicas behind a load balancer
 * ({@link RoundRobinProxy}; their Subscriptions name its address): the EHR holds one Subscription
 * per resource type, not one per replica; each confirmation is written once; and the dispatching
 * is shared by both (db-scheduler's {@code SELECT ... FOR UPDATE SKIP LOCKED} hands each execution
 * to one of them), shown by the planned-message ids each one logged as sent.
 */
class TwoInstancesFaultIT {

  private static final Logger log = LoggerFactory.getLogger(TwoInstancesFaultIT.class);
  private static final int APPOINTMENTS = Integer.getInteger("careloop.faults.replica-appointments", 120);
  private static final String CONFIRMATION = "appointment-confirmation";

  private static SandboxEhr ehr;
  private static RoundRobinProxy loadBalancer;
  private static CareLoopProcess first;
  private static CareLoopProcess second;

  @BeforeAll
  static void start() {
    ehr = SandboxEhr.start(0, true);
    loadBalancer = new RoundRobinProxy();
  }

  @AfterAll
  static void stop() {
    for (AutoCloseable c : new AutoCloseable[] {first, second, loadBalancer, ehr}) {
      try {
        if (c != null) {
          c.close();
        }
      } catch (Exception e) {
        log.warn("Could not close {}", c, e);
      }
    }
  }

  @Test
  void twoReplicasOnOneDatabase_shareTheWork_andWriteEachMessageOnce() {
    long began = System.nanoTime();
    EhrFixtures fixtures = new EhrFixtures(ehr.client());
    List<String> patients = new ArrayList<>();
    for (int i = 0; i < APPOINTMENTS; i++) {
      patients.add(fixtures.patient("Replica" + i, "en", "Europe/London"));
    }
    TestDatabase database = TestDatabase.freshPostgres();
    String publicBase = "http://localhost:" + loadBalancer.port() + "/fhir";
    first = CareLoopProcess.start("replica-1", ehr, database, publicBase, Map.of());
    loadBalancer.addBackend(first.port());
    second = CareLoopProcess.start("replica-2", ehr, database, publicBase, Map.of());
    loadBalancer.addBackend(second.port());

    assertThat(careLoopSubscriptions()).as("one Subscription per resource type, whatever the replicas").hasSize(2);

    Instant start = Instant.now().plus(Duration.ofDays(5));
    for (int i = 0; i < patients.size(); i++) {
      fixtures.book(patients.get(i), null, start.plus(Duration.ofMinutes(i)));
    }
    Await.until(APPOINTMENTS + " confirmations SENT", Duration.ofMinutes(3), () -> {
      Map<String, String> planned = FaultLedger.planned(database, CONFIRMATION);
      return planned.size() == APPOINTMENTS && planned.values().stream().allMatch("SENT"::equals);
    });

    Tally tally = Tally.of(FaultLedger.planned(database, CONFIRMATION), FaultLedger.communicationsPerKey(ehr.client()));
    List<String> sentByFirst = first.sentMessageIds();
    List<String> sentBySecond = second.sentMessageIds();
    Set<String> sentByBoth = new HashSet<>(sentByFirst);
    sentByBoth.retainAll(sentBySecond);
    log.info("Two replicas: {}; replica-1 sent {}, replica-2 sent {}, both {}; took {} s", tally, sentByFirst.size(),
        sentBySecond.size(), sentByBoth.size(), Duration.ofNanos(System.nanoTime() - began).toSeconds());

    assertThat(tally.planned()).isEqualTo(APPOINTMENTS);
    assertThat(tally.duplicated()).as("message keys with more than one Communication").isEmpty();
    assertThat(tally.missing()).as("planned message keys without a Communication").isEmpty();
    assertThat(tally.written()).isEqualTo(APPOINTMENTS);
    assertThat(sentByBoth).as("planned messages both replicas logged as sent").isEmpty();
    assertThat(sentByFirst.size() + sentBySecond.size()).isEqualTo(APPOINTMENTS);
    assertThat(sentByFirst).as("replica-1 did part of the work").isNotEmpty();
    assertThat(sentBySecond).as("replica-2 did part of the work").isNotEmpty();
    assertThat(careLoopSubscriptions()).hasSize(2);
  }

  private static List<Subscription> careLoopSubscriptions() {
    return ehr.client().search().forResource(Subscription.class)
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute().getEntry().stream()
        .map(e -> (Subscription) e.getResource())
        .filter(s -> s.getMeta().getTag().stream().anyMatch(t -> CareLoopFhir.SUBSCRIPTION_TAG_SYSTEM.equals(t.getSystem())))
        .toList();
  }
}
