package health.careloop.schedule.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * What became of due messages, counted per message kind (tag {@code kind}, e.g.
 * {@code appointment-reminder}) for operators' dashboards and alerts: {@value #SENT} (written to the
 * EHR; a message of a group its leader's Communication listed too counts as sent), {@value #RETRIED}
 * (a write failed and is tried again), {@value #PARKED} (the EHR refused it) and {@value #FAILED}
 * (given up after retrying). Counted once the change is committed.
 */
@Component
class DeliveryMetrics {

  static final String SENT = "careloop.messages.sent";
  static final String RETRIED = "careloop.messages.retried";
  static final String PARKED = "careloop.messages.parked";
  static final String FAILED = "careloop.messages.failed";

  private final MeterRegistry registry;

  DeliveryMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  void sent(String kind) {
    count(SENT, "Planned messages written to the EHR", kind);
  }

  void retried(String kind) {
    count(RETRIED, "Failed writes of planned messages to the EHR that are tried again", kind);
  }

  void parked(String kind) {
    count(PARKED, "Planned messages the EHR refused, parked for an operator to replay", kind);
  }

  void failed(String kind) {
    count(FAILED, "Planned messages given up after retrying", kind);
  }

  private void count(String name, String description, String kind) {
    Counter.builder(name).description(description).tag("kind", kind).register(registry).increment();
  }
}
