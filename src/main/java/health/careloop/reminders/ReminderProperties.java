package health.careloop.reminders;

import health.careloop.rules.DeclinedPatients;
import health.careloop.rules.MissedMessagePolicy;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Appointment messages, as a hospital configures them ({@code config/application.yaml}).
 *
 * @param defaultCadence the reminders of an appointment no cadence below matches
 * @param cadences reminders by appointment type, service type or specialty; the first match wins
 * @param confirmation whether a booking is confirmed to the patient at once
 * @param missingPatientRetry how long CareLoop keeps looking for a Patient the EHR does not have when
 *     their Appointment arrives (an EHR that replicates Patients and Appointments separately may
 *     send the Appointment first) before it records their messages as not planned; PT0S: not at all
 * @param missed when a "we missed you" message may go out after a no-show
 * @param declinedPatients what a patient who declined the appointment (participant status
 *     {@code declined}) is still told: {@code nothing} or {@code cancellation}
 */
@Validated
@ConfigurationProperties("careloop.reminders")
public record ReminderProperties(
    @NotEmpty List<@Valid @NotNull Reminder> defaultCadence,
    @DefaultValue({}) List<@Valid @NotNull Cadence> cadences,
    @DefaultValue("true") boolean confirmation,
    @DefaultValue("PT1H") @NotNull @DurationMin(seconds = 0, message = "must not be negative") Duration missingPatientRetry,
    @DefaultValue @Valid @NotNull Missed missed,
    @DefaultValue("nothing") @NotNull DeclinedPatients declinedPatients) {

  /**
   * @param window how long after the appointment's start the message may still go out (ISO-8601,
   *     e.g. {@code P2D}); later it is not planned, and one still pending then is not sent
   * @param requireBookedBefore only for an appointment CareLoop had as booked before the no-show;
   *     false: also for a no-show CareLoop sees first (e.g. recorded straight as a no-show)
   */
  public record Missed(
      @DefaultValue("P2D") @NotNull
      @DurationMin(seconds = 1, message = "must be a positive duration after the start") Duration window,
      @DefaultValue("true") boolean requireBookedBefore) {

    public MissedMessagePolicy policy() {
      return new MissedMessagePolicy(window, requireBookedBefore);
    }
  }

  /**
   * @param before how long before the start it goes out (ISO-8601, e.g. {@code P2D}, {@code PT2H})
   * @param onlyIfUnconfirmed sent only while the patient has not accepted (participant status)
   */
  public record Reminder(
      @NotNull @DurationMin(seconds = 1, message = "must be a positive duration before the start") Duration before,
      @DefaultValue("false") boolean onlyIfUnconfirmed) {}

  /**
   * @param name shown in logs and previews
   * @param appointmentTypes codes of Appointment.appointmentType ({@code system|code} or a bare code)
   * @param serviceTypes codes of Appointment.serviceType
   * @param specialties codes of Appointment.specialty
   */
  public record Cadence(
      @NotBlank String name,
      @DefaultValue({}) List<String> appointmentTypes,
      @DefaultValue({}) List<String> serviceTypes,
      @DefaultValue({}) List<String> specialties,
      @NotEmpty List<@Valid @NotNull Reminder> reminders) {}
}
