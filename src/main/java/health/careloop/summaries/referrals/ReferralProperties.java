package health.careloop.summaries.referrals;

import health.careloop.config.DeliveryProperties;
import health.careloop.schedule.RecurringSchedule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Referrals left unbooked: a daily sweep of the EHR gives each one Task for the booking team.
 *
 * @param enabled false: no sweep, no Task, and bookings close nothing
 * @param overdueAfter how long an active referral may go without a booked appointment before the
 *     booking team gets a Task (ISO-8601, at least an hour)
 * @param categories the ServiceRequest categories that are referrals ({@code system|code}, or a bare
 *     code in any system); the EHR is searched for these
 * @param owner who owns the Task in the EHR, a relative reference to an Organization,
 *     PractitionerRole, Practitioner, CareTeam or HealthcareService (R4's {@code Task.owner} allows no
 *     Group); empty: no owner (the EHR's work queues decide)
 * @param sweep when the sweep runs
 * @param pageSize ServiceRequests per page of the EHR's search results
 */
@Validated
@ConfigurationProperties("careloop.referrals")
public record ReferralProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("P3D") @NotNull @DurationMin(hours = 1, message = "must be at least an hour") Duration overdueAfter,
    @DefaultValue("http://snomed.info/sct|3457005") @NotEmpty
    List<@NotNull @Pattern(regexp = "[^,\\s]+", message = "must be a code or system|code, without commas or spaces") String> categories,
    @Pattern(regexp = "(" + DeliveryProperties.OWNER_PATTERN + ")?", message = "must be a reference Type/id to an "
        + "Organization, PractitionerRole, Practitioner, CareTeam or HealthcareService, e.g. CareTeam/7") String owner,
    @DefaultValue @Valid @NotNull Sweep sweep,
    @DefaultValue("100") @Min(1) @Max(1000) int pageSize) {

  public Optional<String> ownerReference() {
    return owner == null || owner.isBlank() ? Optional.empty() : Optional.of(owner);
  }

  /**
   * When the sweep runs: each day at {@code dailyAt} (07:00 if neither is set), or every
   * {@code interval} instead. Not both.
   *
   * @param dailyAt local time of day, in {@code timeZone}
   * @param timeZone the clinic's time zone; empty: {@code careloop.compose.default-time-zone}
   * @param interval instead of a daily time: this long after the previous sweep ended
   */
  public record Sweep(
      LocalTime dailyAt,
      ZoneId timeZone,
      @DurationMin(minutes = 1, message = "must be at least a minute") Duration interval) {

    static final LocalTime DEFAULT_TIME = LocalTime.of(7, 0);

    public Sweep {
      if (dailyAt != null && interval != null) {
        throw new IllegalArgumentException("careloop.referrals.sweep: set daily-at or interval, not both");
      }
    }

    /** @param clinicTimeZone used when {@code timeZone} is not set */
    public RecurringSchedule schedule(ZoneId clinicTimeZone) {
      if (interval != null) {
        return RecurringSchedule.every(interval);
      }
      return RecurringSchedule.dailyAt(dailyAt == null ? DEFAULT_TIME : dailyAt, timeZone == null ? clinicTimeZone : timeZone);
    }
  }
}
