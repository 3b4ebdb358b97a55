package health.careloop.summaries.referrals;

import health.careloop.rules.AppointmentStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The pure decision of the referral sweep: which referrals get a Task for the booking team, and
 * when CareLoop's Task ends. The sweep and the booking listener ask the EHR; this says what follows.
 */
public final class ReferralTaskRule {

  /**
   * An Appointment in one of these statuses books its referral: the patient is expected, or has
   * come. A proposed, pending or waitlisted one is not a booking yet; a cancelled one, a no-show
   * or one entered in error no longer is.
   */
  public static final Set<AppointmentStatus> BOOKING_STATUSES = Set.copyOf(EnumSet.of(
      AppointmentStatus.BOOKED, AppointmentStatus.ARRIVED, AppointmentStatus.CHECKED_IN, AppointmentStatus.FULFILLED));

  private final Duration overdueAfter;

  public ReferralTaskRule(Duration overdueAfter) {
    this.overdueAfter = overdueAfter;
  }

  public Duration overdueAfter() {
    return overdueAfter;
  }

  /** Referrals signed before this are overdue now (the EHR is searched with {@code authored=lt}). */
  public Instant overdueIfAuthoredBefore(Instant now) {
    return now.minus(overdueAfter);
  }

  /**
   * Whether the booking team gets a Task for this referral now: it is active, for a patient,
   * signed more than {@code overdueAfter} ago, and no Appointment based on it is booked.
   *
   * @param booked an Appointment based on the referral is in one of the {@link #BOOKING_STATUSES}
   */
  public boolean needsTask(Referral referral, boolean booked, Instant now) {
    return referral.status() == ReferralStatus.ACTIVE
        && referral.patientId() != null
        && referral.authoredOn() != null
        && referral.authoredOn().isBefore(overdueIfAuthoredBefore(now))
        && !booked;
  }

  /**
   * What becomes of CareLoop's open Task for a referral, if anything.
   *
   * @param referral the referral as the EHR holds it now; empty when the EHR no longer has it
   * @param booked an Appointment based on it is in one of the {@link #BOOKING_STATUSES}
   */
  public Optional<TaskClosing> closing(Optional<Referral> referral, boolean booked) {
    if (booked) {
      return Optional.of(new TaskClosing(TaskClosing.Outcome.COMPLETED, "An appointment based on the referral is booked"));
    }
    if (referral.isEmpty()) {
      return Optional.of(new TaskClosing(TaskClosing.Outcome.CANCELLED, "The EHR no longer has the referral"));
    }
    ReferralStatus status = referral.get().status();
    if (status.isOver()) {
      return Optional.of(new TaskClosing(TaskClosing.Outcome.CANCELLED, "The referral is " + status.code()));
    }
    return Optional.empty();
  }

  /** The Task's description: how long, and nothing clinical (no reason, no service, no specialty). */
  public String description() {
    return "Referral not booked after " + howLong();
  }

  private String howLong() {
    if (overdueAfter.toHours() % 24 == 0 && overdueAfter.toHours() > 0) {
      long days = overdueAfter.toDays();
      return days + (days == 1 ? " day" : " days");
    }
    long hours = overdueAfter.toHours();
    return hours + (hours == 1 ? " hour" : " hours");
  }
}
