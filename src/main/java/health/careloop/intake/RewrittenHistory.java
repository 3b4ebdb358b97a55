package health.careloop.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes it visible that the EHR's history of a resource was rewritten: its test environment reset,
 * or a backup restored, so that ids and version numbers CareLoop has seen come again with other
 * content. CareLoop takes such a version for the EHR's present state; someone should know why
 * messages about an id it knew changed course. A WARN naming the resource's type, id and version
 * (never its content), and the counter {@value #COUNTER} by type.
 */
@Component
public class RewrittenHistory {

  public static final String COUNTER = "careloop.ehr.history.rewritten";

  private static final Logger log = LoggerFactory.getLogger(RewrittenHistory.class);

  private final MeterRegistry meters;

  RewrittenHistory(MeterRegistry meters) {
    this.meters = meters;
  }

  /** @param how what gave it away, in words and version ids only (no content) */
  public void report(String type, String id, String versionId, String how) {
    log.warn("{}/{} version {}: the EHR's history of it was rewritten (reset or restored from a backup): {}",
        type, id, versionId, how);
    Counter.builder(COUNTER)
        .description("Notifications whose version CareLoop knew with other content or written earlier")
        .tag("type", type)
        .register(meters)
        .increment();
  }
}
