package health.careloop.ehrlink.internal;

import health.careloop.ehr.SubscriptionRegistrar;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.function.ToDoubleFunction;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The EHR link's backlog and delays as gauges (read on a management port of its own, never
 * exposed on CareLoop's): {@code careloop.inbox.pending}, {@code careloop.messages.overdue},
 * {@code careloop.catchup.lag} and {@code careloop.notification.age} (seconds, per
 * {@code resource.type}; NaN while unknown). Read from the same cached snapshot as health.
 */
@Component
class EhrLinkGauges {

  EhrLinkGauges(MeterRegistry registry, EhrLinkSnapshots snapshots, SubscriptionRegistrar registrar) {
    gauge(registry, snapshots, "careloop.inbox.pending", "EHR notifications stored but not processed yet", null,
        s -> s.pendingInboxEvents());
    gauge(registry, snapshots, "careloop.messages.overdue", "planned messages still waiting past their due time"
        + " (careloop.ehr-link.overdue-after)", null, s -> s.overdueMessages());
    for (String type : registrar.resourceTypes()) {
      Gauge.builder("careloop.catchup.lag", snapshots, read(snapshots, s -> seconds(s.catchUpLag(type))))
          .description("how far behind the last complete catch-up with the EHR is").baseUnit("seconds")
          .tag("resource.type", type).register(registry);
      Gauge.builder("careloop.notification.age", snapshots, read(snapshots, s -> seconds(s.notificationAge(type))))
          .description("time since the EHR's last notification").baseUnit("seconds")
          .tag("resource.type", type).register(registry);
    }
  }

  private static void gauge(MeterRegistry registry, EhrLinkSnapshots snapshots, String name, String description,
      String unit, ToDoubleFunction<EhrLinkSnapshot> value) {
    Gauge.builder(name, snapshots, read(snapshots, value)).description(description).baseUnit(unit).register(registry);
  }

  /** A gauge that never throws into a scrape: NaN when CareLoop's database cannot be read. */
  private static ToDoubleFunction<EhrLinkSnapshots> read(EhrLinkSnapshots snapshots, ToDoubleFunction<EhrLinkSnapshot> value) {
    return x -> {
      try {
        return value.applyAsDouble(snapshots.current());
      } catch (DataAccessException e) {
        return Double.NaN;
      }
    };
  }

  private static double seconds(Optional<Duration> d) {
    return d.map(x -> (double) x.toSeconds()).orElse(Double.NaN);
  }
}
