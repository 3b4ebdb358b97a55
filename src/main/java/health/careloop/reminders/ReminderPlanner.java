package health.careloop.reminders;

import health.careloop.reminders.ReminderProperties.Reminder;
import health.careloop.rules.Addressee;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.AppointmentTransition;
import health.careloop.rules.MessageKeys;
import health.careloop.rules.DeclinedPatients;
import health.careloop.rules.MessageKind;
import health.careloop.rules.MissedMessagePolicy;
import health.careloop.rules.QuietHours;
import health.careloop.rules.Reach;
import health.careloop.rules.ReminderTime;
import health.careloop.schedule.MessageDraft;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which messages an appointment should have, from its previous and new state alone (pure).
 *
 * <ul>
 *   <li>booked: a confirmation at once, then its cadence's reminders that are still ahead;
 *   <li>moved (start, place or practitioner): a "your appointment has moved" notice, and the
 *       reminders of the new time (those of the old time are revoked because they are not wanted);
 *   <li>cancelled: a cancellation notice, unless CareLoop sees the appointment for the first time
 *       already cancelled (it never had it as booked, so the patient never heard of it from
 *       CareLoop: nothing is news); missed (no-show): a "we missed you" message, only within
 *       the configured window after the start and, unless configured otherwise, only for an
 *       appointment CareLoop had as booked ({@link MissedMessagePolicy});
 *   <li>entered-in-error, arrived, checked-in, fulfilled: nothing (everything pending is revoked).
 * </ul>
 *
 * <p>A patient who declined the appointment (participant status {@code declined}) gets none of
 * this, nor do their guardians: at most the cancellation notice, if configured
 * ({@link DeclinedPatients}). Declining changes nothing else about the appointment
 * ({@link AppointmentTransition#UNCHANGED}), so what is pending for them is neither wanted nor kept,
 * and the schedule revokes it.
 *
 * <p>Nothing is due during the recipient's quiet hours: a reminder moves earlier (never later, so
 * never past the start); a notice that is due now waits for the end of quiet hours. Nothing but a
 * no-show message is planned for after the start, and that only within its window.
 */
public final class ReminderPlanner {

  private final CadenceSelector cadences;
  private final boolean confirmation;
  private final Optional<QuietHours> quietHours;
  private final MissedMessagePolicy missed;
  private final DeclinedPatients declined;

  public ReminderPlanner(CadenceSelector cadences, boolean confirmation, Optional<QuietHours> quietHours,
      MissedMessagePolicy missed, DeclinedPatients declined) {
    this.cadences = cadences;
    this.confirmation = confirmation;
    this.quietHours = quietHours;
    this.missed = missed;
    this.declined = declined;
  }

  /**
   * @param before the state last planned from, null if this is the first version CareLoop sees
   * @param after the new state
   * @param recipients how each Patient participant who may be messaged is reached, and who receives
   *     their messages (they, their guardians or both); a patient missing here (deceased, not
   *     found) gets nothing
   */
  public AppointmentPlan plan(AppointmentSnapshot before, AppointmentSnapshot after,
      Map<String, Reach> recipients, Instant now) {
    AppointmentTransition transition = AppointmentTransition.between(before, after);
    if (!after.status().hasMessages()) {
      return new AppointmentPlan(transition, List.of(), Set.of(), List.of());
    }
    Drafting drafting = new Drafting(before, after, now);
    for (String patientId : after.patientIds()) {
      Reach reach = recipients.get(patientId);
      if (reach == null) {
        drafting.notPlanned.add("Patient/" + patientId + ": may not be messaged");
        continue;
      }
      for (Addressee addressee : reach.addressees()) {
        drafting.planFor(patientId, addressee, reach.zone(), transition);
      }
    }
    return new AppointmentPlan(transition, drafting.wanted, drafting.keep, drafting.notPlanned);
  }

  /**
   * The plan of an appointment CareLoop sees for the first time when nothing can be planned for
   * anyone about it, whoever its patients are, whoever receives their messages and wherever they
   * live; empty if something may be, which only {@link #plan} can tell. Planning need not read the
   * EHR for its patients then: a catch-up over past appointments (at go-live, after a long outage)
   * would otherwise read every patient's Consents and RelatedPersons for nothing.
   * <ul>
   *   <li>first seen cancelled: CareLoop never had it as booked, so its cancellation is no news;</li>
   *   <li>booked, first seen at or after its start: every reminder is due before the start (quiet
   *       hours move one earlier, never later), and a confirmation, due now or later, could only
   *       go out after the start.</li>
   * </ul>
   * Never for a no-show: its message is the one planned after the start.
   */
  public Optional<AppointmentPlan> nothingForAnyoneAtFirstSight(AppointmentSnapshot appointment, Instant now) {
    Optional<String> why = switch (appointment.status()) {
      case CANCELLED -> Optional.of("first seen cancelled, CareLoop never had it as booked");
      case BOOKED -> appointment.start() != null && !now.isBefore(appointment.start())
          ? Optional.of("first seen at or after its start") : Optional.empty();
      default -> Optional.empty();
    };
    return why.map(reason -> new AppointmentPlan(AppointmentTransition.between(null, appointment), List.of(),
        Set.of(), List.of("Appointment/" + appointment.id() + ": " + reason + ": nothing for anyone,"
            + " its patients were not read")));
  }

  /**
   * The message key: the same message for the same appointment state and recipient always has the
   * same key. A guardian's copy names the guardian after the patient.
   */
  static String key(AppointmentSnapshot appointment, String patientId, Addressee addressee, String what) {
    return MessageKeys.of(appointment.id(), patientId, addressee.guardian().orElse(null), what);
  }

  private static String recipientKey(String patientId, Addressee addressee) {
    return MessageKeys.recipient(patientId, addressee.guardian().orElse(null));
  }

  /**
   * Reminders with the same group key go out as one message that lists their appointments: the
   * same recipient, about the same patient, the same reminder of the cadence, for appointments on
   * the same day of the recipient's calendar.
   */
  static String groupKey(String patientId, Addressee addressee, Reminder reminder, Instant start, ZoneId zone) {
    return recipientKey(patientId, addressee) + ":reminder-" + reminder.before() + ":" + start.atZone(zone).toLocalDate();
  }

  /** Where and when and with whom: a move notice is about the slot moved to. */
  static String slot(AppointmentSnapshot appointment) {
    List<String> practitioners = appointment.practitionerIds().stream().sorted().toList();
    return appointment.start() + ":" + (appointment.locationId() == null ? "-" : appointment.locationId())
        + ":" + Integer.toHexString(practitioners.hashCode());
  }

  private final class Drafting {
    final AppointmentSnapshot before;
    final AppointmentSnapshot appointment;
    final Instant now;
    final List<MessageDraft> wanted = new ArrayList<>();
    final Set<String> keep = new HashSet<>();
    final List<String> notPlanned = new ArrayList<>();

    Drafting(AppointmentSnapshot before, AppointmentSnapshot appointment, Instant now) {
      this.before = before;
      this.appointment = appointment;
      this.now = now;
    }

    void planFor(String patientId, Addressee to, ZoneId zone, AppointmentTransition transition) {
      if (transition == AppointmentTransition.CANCELLED && before == null) {
        // First seen as cancelled (a catch-up after an outage or at go-live, or created straight as
        // cancelled): CareLoop never told the patient of it, so its cancellation is no news to them.
        notPlanned.add(key(appointment, patientId, to, "cancelled") + ": CareLoop never had it as booked");
        return;
      }
      switch (transition) {
        case BOOKED -> {
          if (confirmation) {
            notice(patientId, to, zone, MessageKind.APPOINTMENT_CONFIRMATION, "confirmation:" + appointment.start(), null);
          }
          reminders(patientId, to, zone, cadences.remindersFor(appointment.kinds()));
        }
        case MOVED -> {
          notice(patientId, to, zone, MessageKind.APPOINTMENT_MOVED, "moved:" + slot(appointment), before.start());
          reminders(patientId, to, zone, cadences.remindersFor(appointment.kinds()));
        }
        case UNCHANGED -> {
          if (appointment.status().expectsPatient()) {
            reminders(patientId, to, zone, cadences.remindersFor(appointment.kinds()));
          }
        }
        case CANCELLED -> notice(patientId, to, zone, MessageKind.APPOINTMENT_CANCELLED, "cancelled", null);
        case MISSED -> notice(patientId, to, zone, MessageKind.APPOINTMENT_MISSED, "missed", null);
        case ENTERED_IN_ERROR, ATTENDED, NOT_BOOKED -> { }
      }
      keepStillValidNotices(patientId, to);
    }

    void reminders(String patientId, Addressee to, ZoneId zone, List<Reminder> reminders) {
      Instant start = appointment.start();
      if (start == null) {
        return;
      }
      for (Reminder reminder : reminders) {
        String what = "reminder-" + reminder.before() + ":" + start;
        Optional<String> declinedIt = declined.whyNot(appointment, patientId, MessageKind.APPOINTMENT_REMINDER);
        if (declinedIt.isPresent()) {
          notPlanned.add(key(appointment, patientId, to, what) + ": " + declinedIt.get());
          continue;
        }
        if (reminder.onlyIfUnconfirmed() && appointment.isConfirmedBy(patientId)) {
          notPlanned.add(key(appointment, patientId, to, what) + ": the patient has confirmed");
          continue;
        }
        Instant due = ReminderTime.before(start, reminder.before(), zone);
        Instant allowed = quietHours.map(q -> q.latestAllowedAtOrBefore(due, zone)).orElse(due);
        if (!allowed.isAfter(now)) {
          notPlanned.add(key(appointment, patientId, to, what) + (allowed.equals(due)
              ? ": its time has passed" : ": it would fall in quiet hours and the time before has passed"));
          continue;
        }
        wanted.add(new MessageDraft(key(appointment, patientId, to, what), MessageKind.APPOINTMENT_REMINDER,
            appointment.id(), patientId, start, allowed, null, reminder.onlyIfUnconfirmed(),
            to.preferredChannel().orElse(null), to.guardian().orElse(null), groupKey(patientId, to, reminder, start, zone)));
      }
    }

    void notice(String patientId, Addressee to, ZoneId zone, MessageKind kind, String what, Instant previousStart) {
      Instant due = quietHours.map(q -> q.earliestAllowedAtOrAfter(now, zone)).orElse(now);
      Instant start = appointment.start();
      Optional<String> declinedIt = declined.whyNot(appointment, patientId, kind);
      Optional<String> whyNot = declinedIt.isPresent() ? declinedIt
          : kind == MessageKind.APPOINTMENT_MISSED ? missed.whyNotPlanned(before, start, due)
          : kind.tooLate(start, due) ? Optional.of("it could only go out after the start") : Optional.empty();
      if (whyNot.isPresent()) {
        notPlanned.add(key(appointment, patientId, to, what) + ": " + whyNot.get());
        return;
      }
      wanted.add(new MessageDraft(key(appointment, patientId, to, what), kind, appointment.id(), patientId,
          start, due, previousStart, false, to.preferredChannel().orElse(null), to.guardian().orElse(null), null));
    }

    /**
     * One-off notices of the current state that an earlier version planned stay if still pending,
     * unless the patient has since declined the appointment.
     */
    void keepStillValidNotices(String patientId, Addressee to) {
      switch (appointment.status()) {
        case BOOKED -> {
          keepUnlessDeclined(patientId, to, MessageKind.APPOINTMENT_CONFIRMATION, "confirmation:" + appointment.start());
          keepUnlessDeclined(patientId, to, MessageKind.APPOINTMENT_MOVED, "moved:" + slot(appointment));
        }
        case CANCELLED -> keepUnlessDeclined(patientId, to, MessageKind.APPOINTMENT_CANCELLED, "cancelled");
        case NOSHOW -> keepUnlessDeclined(patientId, to, MessageKind.APPOINTMENT_MISSED, "missed");
        default -> { }
      }
    }

    void keepUnlessDeclined(String patientId, Addressee to, MessageKind kind, String what) {
      if (declined.whyNot(appointment, patientId, kind).isEmpty()) {
        keep.add(key(appointment, patientId, to, what));
      }
    }
  }
}
