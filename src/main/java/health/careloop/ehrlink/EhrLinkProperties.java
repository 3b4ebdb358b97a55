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
 * @param pollAgeAfter while CareLoop polls the EHR ({@code careloop.ehr.notifications: polling}):
 *     a last successful poll older than this is a warning (it stands for {@code catchUpLagAfter});
 *     longer than {@code careloop.catch-up.polling-interval}, or start-up refuses it
 */
@Validated
@ConfigurationProperties("careloop.ehr-link")
public record EhrLinkProperties(
    @DefaultValue("PT15M") @NotNull @DurationMin(minutes = 1, message = "must be at least a minute") Duration overdueAfter,
    @DefaultValue("PT30M") @NotNull @DurationMin(minutes = 1, message = "must be at least a minute") Duration catchUpLagAfter,
    @DefaultValue("PT5M") @NotNull @DurationMin(seconds = 20, message = "must be at least 20 seconds") Duration pollAgeAfter) {

  public static final String POLL_AGE_AFTER_KEY = "careloop.ehr-link.poll-age-after";
}
