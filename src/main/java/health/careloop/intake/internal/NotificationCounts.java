package health.careloop.intake.internal;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * {@code careloop.notifications.received}: every change of the EHR that reached the inbox, by
 * {@code resource.type} and {@code outcome} — {@code accepted} (new), {@code duplicate} (the same
 * delivery again: the EHR's retries, a catch-up finding what was notified) or {@code rewritten}
 * (a version received before with other content: the EHR's history was reset). Duplicates are
 * normal; a rise in rewritten ones is worth a look.
 */
@Component
class NotificationCounts {

  static final String RECEIVED = "careloop.notifications.received";

  private final MeterRegistry registry;

  NotificationCounts(MeterRegistry registry) {
    this.registry = registry;
  }

  void count(String resourceType, Inbox.Acceptance acceptance) {
    Counter.builder(RECEIVED).description("EHR changes that reached the inbox, by what the inbox made of them")
        .tag("resource.type", resourceType).tag("outcome", acceptance.name().toLowerCase(Locale.ROOT))
        .register(registry).increment();
  }
}
