package health.careloop.database;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * CareLoop's care of its own database.
 *
 * @param statisticsCheckEvery how often CareLoop looks for tables of its schema whose PostgreSQL
 *     statistics are stale, and analyzes them ({@link TableStatistics}); zero: never, left to autovacuum
 */
@Validated
@ConfigurationProperties("careloop.database")
public record DatabaseProperties(
    @DefaultValue("15s") @NotNull @DurationMin(seconds = 0, message = "must not be negative") Duration statisticsCheckEvery) {}
