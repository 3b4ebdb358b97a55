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
 * @param intakeThreadsWhileHookBusy how many of those plan at once while the hook is flooded
 *     ({@code hookBusyAt}): the rest wait, leaving the cores to storing what the EHR delivers
 * @param hookBusyAt deliveries in flight at the hook from which it counts as flooded; the usual
 *     load, even a booking storm, is a few at a time
 */
@Validated
@ConfigurationProperties("careloop.scheduler")
public record SchedulerProperties(
    @DefaultValue("8") @Min(value = 1, message = "careloop.scheduler.intake-threads must be at least 1")
    int intakeThreads,
    @DefaultValue("2") @Min(value = 1, message = "careloop.scheduler.intake-threads-while-hook-busy must be at least 1")
    int intakeThreadsWhileHookBusy,
    @DefaultValue("8") @Min(value = 1, message = "careloop.scheduler.hook-busy-at must be at least 1")
    int hookBusyAt) {}
