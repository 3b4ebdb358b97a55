package health.careloop.compose;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * What a template may say. Deliberately little: a message can be read by anyone holding the
 * patient's phone, so no diagnosis, no service, no practitioner.
 *
 * @param recipientName how to address the recipient (given name), may be null
 * @param appointmentStart the appointment's start
 * @param timeZone the recipient's time zone, in which date and time are shown
 * @param locationName where to come, may be null
 * @param previousStart for a moved appointment, the start it had before; else null
 * @param contact how to reach the clinic to cancel or rebook (a phone number), may be null
 */
public record TemplateValues(String recipientName, Instant appointmentStart, ZoneId timeZone, String locationName,
    Instant previousStart, String contact) {

  public TemplateValues {
    Objects.requireNonNull(appointmentStart, "appointmentStart");
    Objects.requireNonNull(timeZone, "timeZone");
  }
}
