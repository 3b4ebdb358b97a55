package health.careloop.schedule;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The durable scheduler's capacity beyond db-scheduler's own keys ({@code db-scheduler.threads} is
 * for message dispatch and the other background work).
 *
 * @param intakeThreads threads that turn accepted EHR notifications into plans, and do nothing
 *     else: dispatches waiting on a slow EHR cannot take them, so bookings are still planned
 */
@Validated
@ConfigurationProperties("careloop.scheduler")
public record SchedulerProperties(
    @DefaultValue("8") @Min(value = 1, message = "careloop.scheduler.intake-threads must be at least 1")
    int intakeThreads) {}
