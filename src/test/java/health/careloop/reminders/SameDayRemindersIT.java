package health.careloop.reminders;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A patient with several appointments on one day gets one reminder that lists them, not one each. */
class SameDayRemindersIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of("careloop.reminders.confirmation", "false"));

  @Test
  void twoAppointmentsOnOneDay_getOneReminderListingBoth_andTheNextDaysItsOwn() {
    String patientId = fixtures.patient("Jo", "en", LONDON.getId());
    String clinic = fixtures.location("Main Clinic", LONDON.getId());
    String annex = fixtures.location("Annex", LONDON.getId());
    LocalDate day = careLoop.clock().instant().atZone(LONDON).toLocalDate().plusDays(3);
    String morning = fixtures.book(patientId, clinic, at(day, 9, 30)).getIdElement().getIdPart();
    String afternoon = fixtures.book(patientId, annex, at(day, 14, 15)).getIdElement().getIdPart();
    String nextDay = fixtures.book(patientId, clinic, at(day.plusDays(1), 9, 30)).getIdElement().getIdPart();
    Await.until("the reminders are planned", WAIT,
        () -> reminders(morning).size() == 2 && reminders(afternoon).size() == 2 && reminders(nextDay).size() == 2);

    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), at(day.minusDays(2), 9, 31)));

    PlannedMessageView listed = Await.value("the afternoon's reminder sent with the morning's", WAIT, () ->
        reminders(afternoon).stream().filter(m -> m.status() == PlannedMessageStatus.SENT).findFirst().orElse(null));
    PlannedMessageView sent = reminders(morning).stream()
        .filter(m -> m.status() == PlannedMessageStatus.SENT).findFirst().orElseThrow();
    assertThat(listed.communicationId()).isEqualTo(sent.communicationId());
    assertThat(listed.statusReason()).startsWith("sent with " + sent.messageKey());
    List<Communication> communications = fixtures.communicationsFor(patientId, "appointment-reminder");
    assertThat(communications).hasSize(1);
    Communication reminder = communications.get(0);
    assertThat(reminder.getAbout()).extracting(Reference::getReference)
        .containsExactlyInAnyOrder("Appointment/" + morning, "Appointment/" + afternoon);
    assertThat(reminder.getPayloadFirstRep().getContentStringType().getValue())
        .contains("your appointments on ")
        // config/application.yaml: date-locales en: en-GB (the patient's tag is "en", without a region).
        .contains(" 09:30 at Main Clinic and 14:15 at Annex.");
    assertThat(reminders(nextDay)).allMatch(m -> m.status() == PlannedMessageStatus.PENDING);
    assertThat(reminders(afternoon)).filteredOn(m -> m.status() == PlannedMessageStatus.PENDING)
        .as("the 2-hour reminders are a group of their own").hasSize(1);
  }

  private static Instant at(LocalDate day, int hour, int minute) {
    return day.atTime(LocalTime.of(hour, minute)).atZone(LONDON).toInstant();
  }

  private static List<PlannedMessageView> reminders(String appointmentId) {
    return careLoop.planned(appointmentId, "appointment-reminder");
  }
}
