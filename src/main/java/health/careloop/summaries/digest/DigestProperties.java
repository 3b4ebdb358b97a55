package health.careloop.summaries.digest;

import health.careloop.schedule.RecurringSchedule;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The clinicians' daily digest: each clinic morning, one Communication to each clinician with
 * appointments that day, listing the open work of the day's patients in appointment order.
 *
 * @param enabled false: no digest
 * @param at local time of day it is written, in {@code timeZone}
 * @param days the days of the week it is written (clinic days)
 * @param timeZone the clinic's time zone, which also says where a day begins and ends; empty:
 *     {@code careloop.compose.default-time-zone}
 * @param writeWhenEmpty also a digest when none of the clinician's patients of the day has open work
 */
@Validated
@ConfigurationProperties("careloop.summaries.digest")
public record DigestProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("07:00") @NotNull LocalTime at,
    @DefaultValue({"MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"}) @NotEmpty List<@NotNull DayOfWeek> days,
    ZoneId timeZone,
    @DefaultValue("false") boolean writeWhenEmpty) {

  /** @param clinicTimeZone used when {@code timeZone} is not set */
  public ZoneId zone(ZoneId clinicTimeZone) {
    return timeZone == null ? clinicTimeZone : timeZone;
  }

  /**
   * Every day at {@code at}: the scheduler has no days of the week, so a run on a day not listed
   * writes nothing ({@link #writesOn}).
   */
  public RecurringSchedule schedule(ZoneId clinicTimeZone) {
    return RecurringSchedule.dailyAt(at, zone(clinicTimeZone));
  }

  public boolean writesOn(DayOfWeek day) {
    return days.contains(day);
  }
}
