package health.careloop.reminders;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
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
public record ReminderProperties(@NotEmpty List<@NotNull Duration> offsets) {

  public ReminderProperties {
    for (Duration offset : offsets == null ? List.<Duration>of() : offsets) {
      if (offset != null && (offset.isNegative() || offset.isZero())) {
        throw new IllegalArgumentException(
            "careloop.reminders.offsets: " + offset + " is not a positive duration before the start");
      }
    }
  }
}
