package health.careloop.ehrlink;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When the {@code ehrLink} health component warns about the backlog (how often the Subscriptions
 * are checked, and when silence counts, are {@code careloop.subscriptions.*}).
 *
 * @param overdueAfter a planned message still waiting this long after its due time is overdue
 * @param catchUpLagAfter CareLoop's view of the EHR older than this (the last complete catch-up
 *     began longer ago, or the watermark is older) is a warning: the catch-up is failing or off
 */
@Validated
@ConfigurationProperties("careloop.ehr-link")
public record EhrLinkProperties(
    @DefaultValue("PT15M") @NotNull @DurationMin(minutes = 1, message = "must be at least a minute") Duration overdueAfter,
    @DefaultValue("PT30M") @NotNull @DurationMin(minutes = 1, message = "must be at least a minute") Duration catchUpLagAfter) {}
