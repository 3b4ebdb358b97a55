package health.careloop.config;

import health.careloop.rules.QuietHours;
import java.time.LocalTime;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * When messages may reach people.
 *
 * @param quietHours no message lands between {@code start} and {@code end}, local time of the recipient
 */
@Validated
@ConfigurationProperties("careloop.delivery")
public record DeliveryProperties(@DefaultValue QuietHoursSetting quietHours) {

  public record QuietHoursSetting(
      @DefaultValue("true") boolean enabled,
      @DefaultValue("21:00") LocalTime start,
      @DefaultValue("08:00") LocalTime end) {

    public Optional<QuietHours> rule() {
      return enabled ? Optional.of(new QuietHours(start, end)) : QuietHours.none();
    }
  }
}
