package health.careloop.intake.internal;

import jakarta.servlet.Filter;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * How many of the EHR's deliveries the hook is handling at this moment, counted by {@link #filter()}
 * around every request to it: what {@link PlanningGate} reads to tell a flood of deliveries from
 * the usual few at a time.
 */
@Component
class HookInFlight {

  private final AtomicInteger inFlight = new AtomicInteger();

  int now() {
    return inFlight.get();
  }

  /** Counts a request from the moment it reaches the hook until its answer is written. */
  Filter filter() {
    return (request, response, chain) -> {
      inFlight.incrementAndGet();
      try {
        chain.doFilter(request, response);
      } finally {
        inFlight.decrementAndGet();
      }
    };
  }
}
