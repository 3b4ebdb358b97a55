package health.careloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageKeysTest {

  private static final String WHAT = "reminder-P2D:2026-12-10T09:30:00Z";

  @Test
  void aGuardiansCopy_namesTheGuardianAfterThePatient() {
    assertThat(MessageKeys.of("a1", "p1", null, WHAT)).isEqualTo("Appointment/a1:Patient/p1:" + WHAT);
    assertThat(MessageKeys.of("a1", "p1", "RelatedPerson/m1", WHAT))
        .isEqualTo("Appointment/a1:Patient/p1:to:RelatedPerson/m1:" + WHAT);
  }

  @Test
  void thePatientsOwnKey_ofEveryGuardiansCopy_isTheKeyThePlannerGivesThePatient() {
    String patients = MessageKeys.of("a1", "p1", null, WHAT);

    assertThat(MessageKeys.patientsOwn(MessageKeys.of("a1", "p1", "RelatedPerson/m1", WHAT), "p1", "RelatedPerson/m1"))
        .contains(patients);
    assertThat(MessageKeys.patientsOwn(MessageKeys.of("a1", "p1", "Patient/p1#contact-ab12", WHAT), "p1",
        "Patient/p1#contact-ab12")).contains(patients);
  }

  @Test
  void thePatientsOwnKey_ofAKeyThatIsNoSuchGuardiansCopy_isNone() {
    assertThat(MessageKeys.patientsOwn(MessageKeys.of("a1", "p1", null, WHAT), "p1", "RelatedPerson/m1")).isEmpty();
    assertThat(MessageKeys.patientsOwn(MessageKeys.of("a1", "p10", "RelatedPerson/m1", WHAT), "p1", "RelatedPerson/m1"))
        .isEmpty();
    assertThat(MessageKeys.patientsOwn(MessageKeys.of("a1", "p1", "RelatedPerson/m1", WHAT), "p1", "RelatedPerson/f1"))
        .isEmpty();
  }

  @Test
  void aGuardiansKey_ofThePatientsOwnMessage_isTheKeyThePlannerGivesThatGuardiansCopy() {
    assertThat(MessageKeys.guardiansCopy(MessageKeys.of("a1", "p1", null, WHAT), "p1", "RelatedPerson/m1"))
        .contains(MessageKeys.of("a1", "p1", "RelatedPerson/m1", WHAT));
    assertThat(MessageKeys.guardiansCopy(MessageKeys.ofEncounter("e1", "p1", null, "follow-up"), "p1",
        "Patient/p1#contact-ab12")).contains(MessageKeys.ofEncounter("e1", "p1", "Patient/p1#contact-ab12", "follow-up"));
  }

  @Test
  void aGuardiansKey_ofAKeyThatIsNotThePatientsOwn_isNone() {
    assertThat(MessageKeys.guardiansCopy(MessageKeys.of("a1", "p1", "RelatedPerson/m1", WHAT), "p1", "RelatedPerson/f1"))
        .isEmpty();
    assertThat(MessageKeys.guardiansCopy(MessageKeys.of("a1", "p10", null, WHAT), "p1", "RelatedPerson/m1")).isEmpty();
    assertThat(MessageKeys.guardiansCopy(MessageKeys.of("a1", "p1", null, WHAT), "p1", null)).isEmpty();
    assertThat(MessageKeys.isPatientsOwn(MessageKeys.of("a1", "p1", null, WHAT), "p1")).isTrue();
    assertThat(MessageKeys.isPatientsOwn(MessageKeys.of("a1", "p1", "RelatedPerson/m1", WHAT), "p1")).isFalse();
  }
}
