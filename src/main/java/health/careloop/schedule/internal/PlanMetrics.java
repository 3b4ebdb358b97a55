package health.careloop.schedule.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What planning did, counted per message kind (tag {@code kind}) beside what became of the messages
 * ({@link DeliveryMetrics}): {@value #PLANNED} (a message planned to go out) and {@value #REVOKED}
 * (a planned message withdrawn before it went: the appointment cancelled or moved, the patient
 * opted out). Counted once the plan's transaction has committed: a replan that rolls back (and is
 * tried again) must not count twice.
 */
@Component
class PlanMetrics {

  static final String PLANNED = "careloop.messages.planned";
  static final String REVOKED = "careloop.messages.revoked";

  private final MeterRegistry registry;

  PlanMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void planned(List<PlannedMessage> created) {
    List<String> kinds = created.stream().map(PlannedMessage::kind).toList();
    afterCommit(() -> kinds.forEach(kind -> count(PLANNED, "Messages planned to go out", kind)));
  }

  void revoked(List<PlannedMessage> withdrawn) {
    List<String> kinds = withdrawn.stream().map(PlannedMessage::kind).toList();
    afterCommit(() -> kinds.forEach(kind -> count(REVOKED, "Planned messages withdrawn before they went", kind)));
  }

  private static void afterCommit(Runnable count) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      count.run();
      return;
    }
    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
      @Override
      public void afterCommit() {
        count.run();
      }
    });
  }

  private void count(String name, String description, String kind) {
    Counter.builder(name).description(description).tag("kind", kind).register(registry).increment();
  }
}
