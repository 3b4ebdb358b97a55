package health.careloop.reminders;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Appointment reminders, as a hospital configures them ({@code config/application.yaml}).
 *
 * @param offsets how long before the start each reminder goes out, e.g. {@code [P2D, PT2H]}
 */
@Validated
@ConfigurationProperties("careloop.reminders")
public record ReminderProperties(
    @NotEmpty List<@NotNull @DurationMin(seconds = 1, message = "must be a positive duration before the start")
        Duration> offsets) {}
