package health.careloop.audit;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Period;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the audit trail is kept, and whether it is copied to the EHR.
 *
 * @param retention how long an entry is kept, then purged; six years by default, as HIPAA asks of
 *     the documentation of disclosures (45 CFR 164.316(b)(2)); a local rule may ask for longer
 * @param purgeInterval how often the purge runs (one replica at a time)
 * @param copyToEhr whether each entry is also written to the EHR as an AuditEvent (off by default:
 *     not every EHR takes AuditEvents from an application, and the trail is read at the façade)
 * @param copyInterval how often the copy runs when it is on (one replica at a time): an entry
 *     reaches the EHR within about this long, or after an EHR outage once the EHR is back
 */
@Validated
@ConfigurationProperties("careloop.audit")
public record AuditProperties(
    @DefaultValue("P6Y") @NotNull Period retention,
    @DefaultValue("PT6H") @NotNull @DurationMin(minutes = 1, message = "must be at least a minute") Duration purgeInterval,
    @DefaultValue("false") boolean copyToEhr,
    @DefaultValue("PT5M") @NotNull @DurationMin(seconds = 10, message = "must be at least 10 seconds") Duration copyInterval) {

  public AuditProperties {
    if (retention != null && (retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException("careloop.audit.retention must be longer than nothing, e.g. P6Y");
    }
  }
}
