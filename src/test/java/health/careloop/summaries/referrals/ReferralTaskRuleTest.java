package health.careloop.summaries.referrals;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.rules.AppointmentStatus;
import health.careloop.summaries.referrals.TaskClosing.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReferralTaskRuleTest {

  private static final Instant NOW = Instant.parse("2026-12-01T07:00:00Z");
  private final ReferralTaskRule rule = new ReferralTaskRule(Duration.ofDays(3));

  private static Referral referral(ReferralStatus status, Instant authoredOn) {
    return new Referral("r1", "p1", status, authoredOn);
  }

  @Test
  void anActiveReferralUnbookedForLongerThanTheLimit_getsATask() {
    assertThat(rule.needsTask(referral(ReferralStatus.ACTIVE, NOW.minus(Duration.ofDays(4))), false, NOW)).isTrue();
    assertThat(rule.needsTask(referral(ReferralStatus.ACTIVE, NOW.minus(Duration.ofDays(3)).minusSeconds(1)), false, NOW))
        .as("just over the limit ago").isTrue();
  }

  @Test
  void aReferralYoungerThanTheLimit_getsNoTask() {
    assertThat(rule.needsTask(referral(ReferralStatus.ACTIVE, NOW.minus(Duration.ofDays(1))), false, NOW)).isFalse();
    assertThat(rule.needsTask(referral(ReferralStatus.ACTIVE, NOW.minus(Duration.ofDays(3))), false, NOW))
        .as("exactly the limit ago: not older than it").isFalse();
  }

  @Test
  void aBookedReferral_getsNoTask_howeverOld() {
    assertThat(rule.needsTask(referral(ReferralStatus.ACTIVE, NOW.minus(Duration.ofDays(30))), true, NOW)).isFalse();
  }

  @Test
  void aReferralThatIsNotActive_orHasNoPatient_orNoDate_getsNoTask() {
    Instant old = NOW.minus(Duration.ofDays(10));
    for (ReferralStatus status : ReferralStatus.values()) {
      if (status != ReferralStatus.ACTIVE) {
        assertThat(rule.needsTask(referral(status, old), false, NOW)).as(status.name()).isFalse();
      }
    }
    assertThat(rule.needsTask(new Referral("r1", null, ReferralStatus.ACTIVE, old), false, NOW))
        .as("subject a Group, not a Patient").isFalse();
    assertThat(rule.needsTask(referral(ReferralStatus.ACTIVE, null), false, NOW)).isFalse();
  }

  @Test
  void anOpenTask_isCompletedOnceTheReferralIsBooked() {
    Optional<TaskClosing> closing = rule.closing(Optional.of(referral(ReferralStatus.ACTIVE, NOW)), true);

    assertThat(closing).map(TaskClosing::outcome).contains(Outcome.COMPLETED);
    assertThat(closing.get().reason()).isEqualTo("An appointment based on the referral is booked");
  }

  @Test
  void anOpenTask_isCancelledOnceTheReferralIsWithdrawn_completed_enteredInError_orGone() {
    assertThat(rule.closing(Optional.of(referral(ReferralStatus.REVOKED, NOW)), false))
        .contains(new TaskClosing(Outcome.CANCELLED, "The referral is revoked"));
    assertThat(rule.closing(Optional.of(referral(ReferralStatus.ENTERED_IN_ERROR, NOW)), false))
        .contains(new TaskClosing(Outcome.CANCELLED, "The referral is entered-in-error"));
    assertThat(rule.closing(Optional.of(referral(ReferralStatus.COMPLETED, NOW)), false))
        .contains(new TaskClosing(Outcome.CANCELLED, "The referral is completed"));
    assertThat(rule.closing(Optional.empty(), false))
        .contains(new TaskClosing(Outcome.CANCELLED, "The EHR no longer has the referral"));
  }

  @Test
  void aBookingOutweighsAWithdrawal_theTaskIsCompleted() {
    assertThat(rule.closing(Optional.of(referral(ReferralStatus.COMPLETED, NOW)), true))
        .map(TaskClosing::outcome).contains(Outcome.COMPLETED);
  }

  @Test
  void anOpenTask_staysOpen_whileTheReferralIsActiveAndUnbooked_orOnHold() {
    assertThat(rule.closing(Optional.of(referral(ReferralStatus.ACTIVE, NOW)), false)).isEmpty();
    assertThat(rule.closing(Optional.of(referral(ReferralStatus.ON_HOLD, NOW)), false)).isEmpty();
    assertThat(rule.closing(Optional.of(referral(ReferralStatus.UNKNOWN, NOW)), false)).isEmpty();
  }

  @Test
  void onlyAnAppointmentThePatientIsExpectedAtOrHasAttended_booksTheReferral() {
    assertThat(ReferralTaskRule.BOOKING_STATUSES).containsExactlyInAnyOrder(
        AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED, AppointmentStatus.CHECKED_IN, AppointmentStatus.FULFILLED);
  }

  @Test
  void theDescription_saysHowLongWithoutClinicalDetail() {
    assertThat(rule.description()).isEqualTo("Referral not booked after 3 days");
    assertThat(new ReferralTaskRule(Duration.ofDays(1)).description()).isEqualTo("Referral not booked after 1 day");
    assertThat(new ReferralTaskRule(Duration.ofHours(36)).description()).isEqualTo("Referral not booked after 36 hours");
  }

  @Test
  void referralStatus_readsEveryFhirRequestStatusCode() {
    assertThat(ReferralStatus.fromCode("entered-in-error")).isEqualTo(ReferralStatus.ENTERED_IN_ERROR);
    assertThat(ReferralStatus.fromCode("on-hold")).isEqualTo(ReferralStatus.ON_HOLD);
    assertThat(ReferralStatus.fromCode("active")).isEqualTo(ReferralStatus.ACTIVE);
    assertThat(ReferralStatus.fromCode(null)).isEqualTo(ReferralStatus.UNKNOWN);
    assertThat(ReferralStatus.ENTERED_IN_ERROR.code()).isEqualTo("entered-in-error");
  }
}
