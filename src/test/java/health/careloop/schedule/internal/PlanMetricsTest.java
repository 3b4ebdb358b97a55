package health.careloop.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.rules.MessageKind;
import health.careloop.schedule.MessageDraft;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionSynchronizationUtils;

class PlanMetricsTest {

  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final PlanMetrics metrics = new PlanMetrics(registry);

  @AfterEach
  void endTransaction() {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.clearSynchronization();
    }
  }

  @Test
  void planned_andRevoked_areCountedPerKind_onceTheTransactionCommits() {
    TransactionSynchronizationManager.initSynchronization();
    metrics.planned(List.of(reminder("a1"), reminder("a2")));
    metrics.revoked(List.of(reminder("a3")));

    assertThat(count(PlanMetrics.PLANNED)).as("not before the commit").isZero();
    TransactionSynchronizationUtils.triggerAfterCommit();

    assertThat(count(PlanMetrics.PLANNED)).isEqualTo(2.0);
    assertThat(count(PlanMetrics.REVOKED)).isEqualTo(1.0);
  }

  @Test
  void aPlanThatRollsBack_isNotCounted() {
    TransactionSynchronizationManager.initSynchronization();
    metrics.planned(List.of(reminder("a1")));

    TransactionSynchronizationUtils.triggerAfterCompletion(TransactionSynchronization.STATUS_ROLLED_BACK);

    assertThat(count(PlanMetrics.PLANNED)).isZero();
  }

  @Test
  void outsideATransaction_itCountsAtOnce() {
    metrics.planned(List.of(reminder("a1")));

    assertThat(count(PlanMetrics.PLANNED)).isEqualTo(1.0);
  }

  private double count(String name) {
    Counter counter = registry.find(name).tag("kind", "appointment-reminder").counter();
    return counter == null ? 0.0 : counter.count();
  }

  private static PlannedMessage reminder(String appointment) {
    return PlannedMessage.pending(new MessageDraft("reminder:" + appointment + ":p1:P2D", MessageKind.APPOINTMENT_REMINDER,
        appointment, "p1", NOW.plusSeconds(86_400 * 3), NOW, null, false, null, null, null), NOW);
  }
}
