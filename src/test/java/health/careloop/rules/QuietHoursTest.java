package health.careloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private final QuietHours night = new QuietHours(LocalTime.of(21, 0), LocalTime.of(8, 0));

  @Test
  void quietFromStartUntilEnd_inTheRecipientsZone() {
    assertThat(night.isQuiet(Instant.parse("2026-12-01T20:00:00Z"), PARIS)).as("21:00 Paris").isTrue();
    assertThat(night.isQuiet(Instant.parse("2026-12-01T19:59:00Z"), PARIS)).as("20:59 Paris").isFalse();
    assertThat(night.isQuiet(Instant.parse("2026-12-02T06:59:00Z"), PARIS)).as("07:59 Paris").isTrue();
    assertThat(night.isQuiet(Instant.parse("2026-12-02T07:00:00Z"), PARIS)).as("08:00 Paris").isFalse();
    assertThat(night.isQuiet(Instant.parse("2026-12-02T07:00:00Z"), NEW_YORK)).as("02:00 New York").isTrue();
  }

  @Test
  void messageInQuietHours_movesToTheMinuteBeforeTheyBegan() {
    Instant sixInTheMorningParis = Instant.parse("2026-12-02T05:00:00Z");

    assertThat(night.latestAllowedAtOrBefore(sixInTheMorningParis, PARIS))
        .isEqualTo(Instant.parse("2026-12-01T19:59:00Z")); // 20:59 the evening before
  }

  @Test
  void movingEarlier_acrossTheAutumnChangeInParis() {
    // 25 October 2026: clocks go back at 03:00 CEST. 06:00 CET that morning is quiet;
    // the evening before (20:59) is still summer time, UTC+2.
    Instant sixAmAfterTheChange = Instant.parse("2026-10-25T05:00:00Z");

    assertThat(night.latestAllowedAtOrBefore(sixAmAfterTheChange, PARIS))
        .isEqualTo(Instant.parse("2026-10-24T18:59:00Z"));
  }

  @Test
  void waitingForTheMorning_acrossTheSpringChangeInNewYork() {
    // 8 March 2026: clocks go forward at 02:00 EST. 23:00 EST on the 7th waits until 08:00 EDT.
    Instant elevenPm = Instant.parse("2026-03-08T04:00:00Z");

    assertThat(night.earliestAllowedAtOrAfter(elevenPm, NEW_YORK)).isEqualTo(Instant.parse("2026-03-08T12:00:00Z"));
  }

  @Test
  void reminderTwoDaysBefore_keepsTheWallClockTime_acrossDaylightSavingChanges() {
    // New York, spring: appointment Monday 9 March 2026 10:00 EDT (14:00Z); two days before is
    // Saturday 7 March 10:00 EST (15:00Z), not 09:00 as 48 hours would give.
    assertThat(ReminderTime.before(Instant.parse("2026-03-09T14:00:00Z"), Duration.ofDays(2), NEW_YORK))
        .isEqualTo(Instant.parse("2026-03-07T15:00:00Z"));
    // Paris, autumn: appointment Monday 26 October 2026 10:00 CET (09:00Z); two days before is
    // Saturday 24 October 10:00 CEST (08:00Z).
    assertThat(ReminderTime.before(Instant.parse("2026-10-26T09:00:00Z"), Duration.ofDays(2), PARIS))
        .isEqualTo(Instant.parse("2026-10-24T08:00:00Z"));
    // Hours are hours.
    assertThat(ReminderTime.before(Instant.parse("2026-10-25T09:00:00Z"), Duration.ofHours(2), PARIS))
        .isEqualTo(Instant.parse("2026-10-25T07:00:00Z"));
  }

  @Test
  void quietHoursWithinOneDay_areSupportedToo() {
    QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(14, 0));
    Instant oneLondon = Instant.parse("2026-12-01T13:00:00Z");

    assertThat(lunch.isQuiet(oneLondon, ZoneId.of("Europe/London"))).isTrue();
    assertThat(lunch.latestAllowedAtOrBefore(oneLondon, ZoneId.of("Europe/London")))
        .isEqualTo(Instant.parse("2026-12-01T11:59:00Z"));
    assertThat(lunch.earliestAllowedAtOrAfter(oneLondon, ZoneId.of("Europe/London")))
        .isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
  }
}
