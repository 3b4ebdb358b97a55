package health.careloop.intake;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long the inbox keeps what the EHR delivered. The resource of each notification (personal
 * health data) is needed until it is processed; after that only its id, version, fingerprint and
 * outcome are, to recognise the same delivery again and to say what became of it.
 *
 * @param payloadRetention how long after processing (or giving up on) a notification its resource
 *     is kept, for looking into what CareLoop did with it; then it is purged
 * @param purgeInterval how often the purge runs (one replica at a time)
 */
@Validated
@ConfigurationProperties("careloop.inbox")
public record InboxProperties(
    @DefaultValue("P7D") @NotNull @DurationMin(seconds = 0, message = "must not be negative") Duration payloadRetention,
    @DefaultValue("PT1H") @NotNull @DurationMin(minutes = 1, message = "must be at least a minute") Duration purgeInterval) {}
