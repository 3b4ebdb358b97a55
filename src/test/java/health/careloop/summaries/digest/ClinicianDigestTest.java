package health.careloop.summaries.digest;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.summaries.SummaryContent;
import health.careloop.summaries.SummaryPriority;
import health.careloop.summaries.digest.ClinicianDigest.PatientWork;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClinicianDigestTest {

  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final LocalDate DAY = LocalDate.of(2026, 7, 6);
  private static final Instant NINE_LONDON = Instant.parse("2026-07-06T08:00:00Z"); // BST

  private final ClinicianDigest digest = new ClinicianDigest(LONDON, false);

  @Test
  void theKey_isTheClinicianAndTheDay_only() {
    assertThat(ClinicianDigest.messageKey("Practitioner/7", DAY)).isEqualTo("Digest/Practitioner/7/2026-07-06");
    assertThat(ClinicianDigest.messageKey("PractitionerRole/7", DAY))
        .isNotEqualTo(ClinicianDigest.messageKey("Practitioner/7", DAY));
  }

  @Test
  void everyPatientOfTheDay_isListedInOrder_withTheSummarysTextAndLocalTimes() {
    SummaryContent content = digest.write(DAY, List.of(
        work("a1", NINE_LONDON, "Patient/a", "Ada\nLovelace", "Open work for this patient: 1 overdue, 0 not overdue.\n"
            + "Overdue:\n- Referral not booked [ServiceRequest/r1]", SummaryPriority.URGENT, true, "ServiceRequest/r1"),
        work("a2", NINE_LONDON.plusSeconds(1800), "Patient/b", null, "No open work for this patient in the EHR.",
            SummaryPriority.ROUTINE, false),
        work("a3", NINE_LONDON.plusSeconds(3600), "Patient/c", null, "Open work for this patient: 0 overdue, 1 not overdue."
            + "\nOpen:\n- Task: call back [Task/t1]", SummaryPriority.ROUTINE, true, "Task/t1"))).orElseThrow();

    assertThat(content.text()).isEqualTo("""
        Your patients on Mon 6 Jul 2026, in appointment order: 3, 2 with open work.

        09:00 Ada Lovelace [Patient/a]
        Open work for this patient: 1 overdue, 0 not overdue.
        Overdue:
        - Referral not booked [ServiceRequest/r1]

        09:30 [Patient/b]
        No open work for this patient in the EHR.

        10:00 [Patient/c]
        Open work for this patient: 0 overdue, 1 not overdue.
        Open:
        - Task: call back [Task/t1]""");
    assertThat(content.priority()).isEqualTo(SummaryPriority.URGENT);
    assertThat(content.about()).containsExactly("Appointment/a1", "ServiceRequest/r1", "Appointment/a2",
        "Appointment/a3", "Task/t1");
  }

  @Test
  void nothingOpenForAnyPatient_noDigest_unlessWriteWhenEmpty() {
    List<PatientWork> quiet = List.of(work("a1", NINE_LONDON, "Patient/a", null, "No open work for this patient in the EHR.",
        SummaryPriority.ROUTINE, false));

    assertThat(digest.write(DAY, quiet)).isEmpty();
    assertThat(new ClinicianDigest(LONDON, true).write(DAY, quiet)).hasValueSatisfying(c -> {
      assertThat(c.priority()).isEqualTo(SummaryPriority.ROUTINE);
      assertThat(c.text()).startsWith("Your patients on Mon 6 Jul 2026, in appointment order: 1, 0 with open work.");
    });
    assertThat(new ClinicianDigest(LONDON, true).write(DAY, List.of())).isEmpty();
  }

  @Test
  void aPatientSeenTwice_showsBothTimes_once() {
    DigestPatient twice = new DigestPatient("Patient/a", null, List.of(
        new DayAppointment("Appointment/a1", NINE_LONDON, "Patient/a", null, List.of("Practitioner/d")),
        new DayAppointment("Appointment/a2", NINE_LONDON.plusSeconds(7200), "Patient/a", null, List.of("Practitioner/d"))));
    SummaryContent content = digest.write(DAY, List.of(new PatientWork(twice,
        new SummaryContent("Open work.", SummaryPriority.ROUTINE, List.of("Task/t")), true))).orElseThrow();

    assertThat(content.text()).contains("\n\n09:00, 11:00 [Patient/a]\nOpen work.");
    assertThat(content.about()).containsExactly("Appointment/a1", "Appointment/a2", "Task/t");
  }

  private static PatientWork work(String appointment, Instant start, String patient, String display, String text,
      SummaryPriority priority, boolean hasWork, String... about) {
    DigestPatient p = new DigestPatient(patient, display,
        List.of(new DayAppointment("Appointment/" + appointment, start, patient, display, List.of("Practitioner/d"))));
    return new PatientWork(p, new SummaryContent(text, priority, List.of(about)), hasWork);
  }
}
