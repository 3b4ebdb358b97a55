package health.careloop.audit;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.time.Period;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the audit trail is kept.
 *
 * @param retention how long an entry is kept, then purged; six years by default, as HIPAA asks of
 *     the documentation of disclosures (45 CFR 164.316(b)(2)); a local rule may ask for longer
 * @param purgeInterval how often the purge runs (one replica at a time)
 */
@Validated
@ConfigurationProperties("careloop.audit")
public record AuditProperties(
    @DefaultValue("P6Y") @NotNull Period retention,
    @DefaultValue("PT6H") @NotNull @DurationMin(minutes = 1, message = "must be at least a minute") Duration purgeInterval) {

  public AuditProperties {
    if (retention != null && (retention.isNegative() || retention.isZero())) {
      throw new IllegalArgumentException("careloop.audit.retention must be longer than nothing, e.g. P6Y");
    }
  }
}
