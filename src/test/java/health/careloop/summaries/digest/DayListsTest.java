package health.careloop.summaries.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DayListsTest {

  private static final Instant NINE = Instant.parse("2026-12-07T09:00:00Z");

  @Test
  void eachClinician_getsTheirPatientsInAppointmentOrder_whateverTheEhrsOrder() {
    List<DayAppointment> day = List.of(
        appointment("a3", NINE.plusSeconds(3600), "Patient/c", "Practitioner/doc"),
        appointment("a1", NINE, "Patient/a", "Practitioner/doc", "PractitionerRole/nurse"),
        appointment("a2", NINE.plusSeconds(1800), "Patient/b", "Practitioner/doc"));

    Map<String, List<DigestPatient>> lists = DayLists.byClinician(day);

    assertThat(lists.keySet()).containsExactly("Practitioner/doc", "PractitionerRole/nurse");
    assertThat(lists.get("Practitioner/doc")).extracting(DigestPatient::patient)
        .containsExactly("Patient/a", "Patient/b", "Patient/c");
    assertThat(lists.get("PractitionerRole/nurse")).extracting(DigestPatient::patient).containsExactly("Patient/a");
  }

  @Test
  void aPatientSeenTwice_isListedOnce_atTheFirstAppointment_withBoth() {
    List<DayAppointment> day = List.of(
        appointment("a9", NINE.plusSeconds(7200), "Patient/a", "Practitioner/doc"),
        appointment("a2", NINE.plusSeconds(1800), "Patient/b", "Practitioner/doc"),
        appointment("a1", NINE, "Patient/a", "Practitioner/doc"));

    List<DigestPatient> list = DayLists.byClinician(day).get("Practitioner/doc");

    assertThat(list).extracting(DigestPatient::patient).containsExactly("Patient/a", "Patient/b");
    assertThat(list.get(0).appointments()).extracting(DayAppointment::appointment)
        .containsExactly("Appointment/a1", "Appointment/a9");
    assertThat(list.get(0).first()).isEqualTo(NINE);
  }

  /** Two patients at the same time come in the same order on every run (and replica). */
  @Test
  void sameTime_isOrderedByAppointment_andAClinicianNamedTwiceCountsOnce() {
    List<DayAppointment> day = List.of(
        appointment("a2", NINE, "Patient/b", "Practitioner/doc", "Practitioner/doc"),
        appointment("a1", NINE, "Patient/a", "Practitioner/doc"));

    assertThat(DayLists.byClinician(day).get("Practitioner/doc")).extracting(DigestPatient::patient)
        .containsExactly("Patient/a", "Patient/b");
    assertThat(DayLists.byClinician(day).get("Practitioner/doc").get(1).appointments()).hasSize(1);
    assertThat(DayLists.byClinician(List.of())).isEmpty();
  }

  static DayAppointment appointment(String id, Instant start, String patient, String... clinicians) {
    return new DayAppointment("Appointment/" + id, start, patient, null, List.of(clinicians));
  }
}
