package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.rules.AppointmentKinds;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.AppointmentStatus;
import health.careloop.rules.DeclinedPatients;
import health.careloop.rules.MessageKind;
import health.careloop.rules.MissedMessagePolicy;
import health.careloop.rules.ResourceVersion;
import health.careloop.schedule.DueMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The last check before sending, against what the EHR holds at that moment. */
class StillHoldsTest {

  private static final Instant START = Instant.parse("2026-12-10T09:00:00Z");
  private static final Instant BEFORE = START.minus(Duration.ofHours(2));
  /** As shipped: a missed message within two days of the start; nothing to a patient who declined. */
  private static final StillHolds STILL_HOLDS =
      new StillHolds(new MissedMessagePolicy(Duration.ofDays(2), true), DeclinedPatients.NOTHING);

  @Test
  void reminderForABookedUnchangedAppointment_goes() {
    assertThat(STILL_HOLDS.check(reminder(false), appointment(AppointmentStatus.BOOKED, START, Set.of()), BEFORE)).isEmpty();
  }

  @Test
  void reminderForACancelledAppointment_isSkipped() {
    assertThat(STILL_HOLDS.check(reminder(false), appointment(AppointmentStatus.CANCELLED, START, Set.of()), BEFORE))
        .contains("the appointment is now cancelled");
  }

  @Test
  void reminderForAMovedAppointment_isSkipped() {
    assertThat(STILL_HOLDS.check(reminder(false), appointment(AppointmentStatus.BOOKED, START.plusSeconds(3600), Set.of()), BEFORE))
        .contains("the appointment has moved");
  }

  @Test
  void reminderAfterTheStart_isSkipped() {
    assertThat(STILL_HOLDS.check(reminder(false), appointment(AppointmentStatus.BOOKED, START, Set.of()), START))
        .contains("the appointment has started");
  }

  @Test
  void unconfirmedOnlyReminder_isSkipped_oncePatientAccepted() {
    assertThat(STILL_HOLDS.check(reminder(true), appointment(AppointmentStatus.BOOKED, START, Set.of("p1")), BEFORE))
        .contains("the patient has confirmed");
    assertThat(STILL_HOLDS.check(reminder(false), appointment(AppointmentStatus.BOOKED, START, Set.of("p1")), BEFORE))
        .isEmpty();
  }

  @Test
  void cancellationNotice_isSkipped_ifTheAppointmentWasRebookedMeanwhile() {
    DueMessage cancelled = message(MessageKind.APPOINTMENT_CANCELLED, false);
    assertThat(STILL_HOLDS.check(cancelled, appointment(AppointmentStatus.BOOKED, START, Set.of()), BEFORE))
        .contains("the appointment is now booked");
    assertThat(STILL_HOLDS.check(cancelled, appointment(AppointmentStatus.CANCELLED, START, Set.of()), BEFORE)).isEmpty();
  }

  @Test
  void missedMessage_goesAfterTheStart_onlyWhileStillANoShow() {
    DueMessage missed = message(MessageKind.APPOINTMENT_MISSED, false);
    Instant later = START.plus(Duration.ofHours(3));
    assertThat(STILL_HOLDS.check(missed, appointment(AppointmentStatus.NOSHOW, START, Set.of()), later)).isEmpty();
    assertThat(STILL_HOLDS.check(missed, appointment(AppointmentStatus.FULFILLED, START, Set.of()), later))
        .contains("the appointment is now fulfilled");
  }

  @Test
  void missedMessage_pastTheWindowAfterTheStart_isSkipped() {
    // E.g. deferred by quiet hours, or held up by an outage, until after the window.
    DueMessage missed = message(MessageKind.APPOINTMENT_MISSED, false);
    Instant windowEnds = START.plus(Duration.ofDays(2));

    assertThat(STILL_HOLDS.check(missed, appointment(AppointmentStatus.NOSHOW, START, Set.of()), windowEnds)).isEmpty();
    assertThat(STILL_HOLDS.check(missed, appointment(AppointmentStatus.NOSHOW, START, Set.of()), windowEnds.plusSeconds(1)))
        .contains("it would go out more than PT48H after the start");
  }

  @Test
  void tooLate_whenQuietHoursWouldDeferIt_isTheWindowForAMissedMessage_andTheStartForTheOthers() {
    Instant windowEnds = START.plus(Duration.ofDays(2));

    assertThat(STILL_HOLDS.tooLate(MessageKind.APPOINTMENT_MISSED, START, windowEnds)).isEmpty();
    assertThat(STILL_HOLDS.tooLate(MessageKind.APPOINTMENT_MISSED, START, windowEnds.plusSeconds(1)))
        .contains("it would go out more than PT48H after the start");
    assertThat(STILL_HOLDS.tooLate(MessageKind.APPOINTMENT_REMINDER, START, START)).contains("the appointment has started");
    assertThat(STILL_HOLDS.tooLate(MessageKind.APPOINTMENT_CANCELLED, START, START)).contains("the appointment time has passed");
    assertThat(STILL_HOLDS.tooLate(MessageKind.APPOINTMENT_CONFIRMATION, START, BEFORE)).isEmpty();
  }

  @Test
  void missedMessage_forANoShowWithoutAStart_isSkipped() {
    DueMessage missed = message(MessageKind.APPOINTMENT_MISSED, false);

    assertThat(STILL_HOLDS.check(missed, appointment(AppointmentStatus.NOSHOW, null, Set.of()), BEFORE))
        .contains("the appointment has no start");
  }

  @Test
  void patientWhoDeclinedAfterPlanning_getsNothingPending_andTheCancellationOnlyWhenConfiguredSo() {
    AppointmentSnapshot booked = declined(AppointmentStatus.BOOKED);
    String why = "the patient has declined the appointment";
    for (MessageKind kind : List.of(MessageKind.APPOINTMENT_CONFIRMATION, MessageKind.APPOINTMENT_REMINDER,
        MessageKind.APPOINTMENT_MOVED)) {
      assertThat(STILL_HOLDS.check(message(kind, false), booked, BEFORE)).as(kind.code()).contains(why);
    }
    assertThat(STILL_HOLDS.check(message(MessageKind.APPOINTMENT_MISSED, false), declined(AppointmentStatus.NOSHOW),
        START.plus(Duration.ofHours(1)))).contains(why);
    DueMessage cancellation = message(MessageKind.APPOINTMENT_CANCELLED, false);
    assertThat(STILL_HOLDS.check(cancellation, declined(AppointmentStatus.CANCELLED), BEFORE)).contains(why);

    StillHolds cancellationToo = new StillHolds(new MissedMessagePolicy(Duration.ofDays(2), true), DeclinedPatients.CANCELLATION);
    assertThat(cancellationToo.check(cancellation, declined(AppointmentStatus.CANCELLED), BEFORE)).isEmpty();
    assertThat(cancellationToo.check(reminder(false), booked, BEFORE)).contains(why);
  }

  @Test
  void anotherPatientDeclining_changesNothingForThisOne() {
    AppointmentSnapshot otherDeclined = new AppointmentSnapshot("a1", new ResourceVersion("9", null), AppointmentStatus.BOOKED,
        START, List.of("p1", "p2"), null, List.of(), AppointmentKinds.NONE, Set.of(), Set.of("p2"));

    assertThat(STILL_HOLDS.check(reminder(false), otherDeclined, BEFORE)).isEmpty();
  }

  /** A clinician summary is not an appointment message: should one ever reach this check, it does not go out. */
  @Test
  void clinicianTaskSummary_neverPassesTheAppointmentCheck_andIsNeverTooLate() {
    assertThat(STILL_HOLDS.check(message(MessageKind.CLINICIAN_TASK_SUMMARY, false),
        appointment(AppointmentStatus.BOOKED, START, Set.of()), BEFORE))
        .contains("a clinician task summary is not an appointment message");
    assertThat(STILL_HOLDS.tooLate(MessageKind.CLINICIAN_TASK_SUMMARY, START, START.plusSeconds(3600))).isEmpty();
  }

  /** A digest is written by its daily run, never planned: were one due here, it would not go out. */
  @Test
  void clinicianDigest_neverPassesTheAppointmentCheck() {
    assertThat(STILL_HOLDS.check(message(MessageKind.CLINICIAN_DIGEST, false),
        appointment(AppointmentStatus.BOOKED, START, Set.of()), BEFORE))
        .contains("a clinician digest is not an appointment message");
    assertThat(STILL_HOLDS.tooLate(MessageKind.CLINICIAN_DIGEST, START, START.plusSeconds(3600))).isEmpty();
  }

  private static DueMessage reminder(boolean onlyIfUnconfirmed) {
    return message(MessageKind.APPOINTMENT_REMINDER, onlyIfUnconfirmed);
  }

  private static DueMessage message(MessageKind kind, boolean onlyIfUnconfirmed) {
    return new DueMessage("pm", "key", kind, "a1", "p1", START, BEFORE, null, onlyIfUnconfirmed, null);
  }

  /** The appointment in {@code status}, declined by the message's patient. */
  private static AppointmentSnapshot declined(AppointmentStatus status) {
    return new AppointmentSnapshot("a1", new ResourceVersion("9", null), status, START, List.of("p1"), null,
        List.of(), AppointmentKinds.NONE, Set.of(), Set.of("p1"));
  }

  private static AppointmentSnapshot appointment(AppointmentStatus status, Instant start, Set<String> confirmed) {
    return new AppointmentSnapshot("a1", new ResourceVersion("9", null), status, start, List.of("p1"), null,
        List.of(), AppointmentKinds.NONE, confirmed, Set.of());
  }
}
