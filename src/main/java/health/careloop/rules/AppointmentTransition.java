package health.careloop.rules;

import java.util.Objects;

/**
 * What happened to an appointment between the version CareLoop last planned from and the new one.
 * Decided from the two states alone, so a repeated notification is {@link #UNCHANGED}.
 */
public enum AppointmentTransition {
  /** Newly booked (or first seen booked). */
  BOOKED,
  /** Still booked, but its start, place or practitioner changed. */
  MOVED,
  CANCELLED,
  /** Recorded by mistake: everything pending is withdrawn, nothing is said. */
  ENTERED_IN_ERROR,
  /** The patient did not come. */
  MISSED,
  /** Arrived, checked in or fulfilled: nothing more to remind of. */
  ATTENDED,
  /** Proposed, pending or wait-listed: nothing to say yet. */
  NOT_BOOKED,
  /** Nothing that matters to messages changed (e.g. a participant's status, a comment). */
  UNCHANGED;

  /**
   * @param before the state CareLoop last planned from, or null when this is the first it sees
   * @param after the new state
   */
  public static AppointmentTransition between(AppointmentSnapshot before, AppointmentSnapshot after) {
    AppointmentStatus previous = before == null ? null : before.status();
    return switch (after.status()) {
      case BOOKED -> previous != AppointmentStatus.BOOKED ? BOOKED
          : moved(before, after) ? MOVED : UNCHANGED;
      case CANCELLED -> previous == AppointmentStatus.CANCELLED ? UNCHANGED : CANCELLED;
      case NOSHOW -> previous == AppointmentStatus.NOSHOW ? UNCHANGED : MISSED;
      case ENTERED_IN_ERROR -> ENTERED_IN_ERROR;
      case ARRIVED, CHECKED_IN, FULFILLED -> ATTENDED;
      case PROPOSED, PENDING, WAITLIST -> NOT_BOOKED;
    };
  }

  private static boolean moved(AppointmentSnapshot before, AppointmentSnapshot after) {
    return !Objects.equals(before.start(), after.start())
        || !Objects.equals(before.locationId(), after.locationId())
        || !before.practitionerIds().stream().sorted().toList()
            .equals(after.practitionerIds().stream().sorted().toList());
  }
}
