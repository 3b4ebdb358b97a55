package health.careloop.compose;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * What a template may say. Deliberately little: a message can be read by anyone holding the
 * recipient's phone, so no diagnosis, no service, no practitioner.
 *
 * @param recipientName how to address the recipient (given name), may be null
 * @param forSomeoneElse the recipient is not the patient (a guardian): the message is about
 *     {@code patientName}'s appointment
 * @param patientName the patient's given name, may be null
 * @param appointmentStart the appointment's start
 * @param timeZone the recipient's time zone, in which date and time are shown
 * @param locationName where to come, may be null
 * @param previousStart for a moved appointment, the start it had before; else null
 * @param contact how to reach the clinic to cancel or rebook (a phone number), may be null
 * @param sameDay for a reminder about several appointments of one day, all of them (this one
 *     included); empty for a message about one appointment
 * @param surgeryOver for a surgery update to the family: the operation is over (false: it has started)
 */
public record TemplateValues(String recipientName, boolean forSomeoneElse, String patientName,
    Instant appointmentStart, ZoneId timeZone, String locationName, Instant previousStart, String contact,
    List<Visit> sameDay, boolean surgeryOver) {

  /** Values of a message about an appointment. */
  public TemplateValues(String recipientName, boolean forSomeoneElse, String patientName, Instant appointmentStart,
      ZoneId timeZone, String locationName, Instant previousStart, String contact, List<Visit> sameDay) {
    this(recipientName, forSomeoneElse, patientName, appointmentStart, timeZone, locationName, previousStart, contact,
        sameDay, false);
  }

  /** One appointment of a day: when it starts and where. */
  public record Visit(Instant start, String locationName) {
    public Visit {
      Objects.requireNonNull(start, "start");
    }
  }

  public TemplateValues {
    Objects.requireNonNull(appointmentStart, "appointmentStart");
    Objects.requireNonNull(timeZone, "timeZone");
    sameDay = sameDay.stream().sorted(Comparator.comparing(Visit::start)).toList();
  }
}
