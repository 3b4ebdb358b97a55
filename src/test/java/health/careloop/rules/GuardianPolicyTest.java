package health.careloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.rules.GuardianPolicy.Rule;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuardianPolicyTest {

  private static final String ROLE = "http://terminology.hl7.org/CodeSystem/v3-RoleCode|";
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
  private static final LocalDate TEN_YEARS_AGO = TODAY.minusYears(10);
  private static final LocalDate FORTY_YEARS_AGO = TODAY.minusYears(40);

  private static final Guardian MOTHER = contact("RelatedPerson/m", ROLE + "MTH");
  private static final Guardian LEGAL_GUARDIAN = contact("Patient/p#contact-1", ROLE + "GUARD");
  private static final Guardian EMERGENCY_CONTACT = contact("Patient/p#contact-2",
      "http://terminology.hl7.org/CodeSystem/v2-0131|C");

  private final GuardianPolicy policy = new GuardianPolicy(16, Rule.GUARDIANS_INSTEAD, Rule.GUARDIANS_TOO,
      List.of(ROLE + "GUARD"), List.of(ROLE + "MTH", ROLE + "FTH", ROLE + "PRN"));

  @Test
  void minorWithAParent_isWrittenToThroughTheParentInstead() {
    GuardianPolicy.Recipients recipients = policy.recipients(TEN_YEARS_AGO, List.of(MOTHER, EMERGENCY_CONTACT), TODAY);

    assertThat(recipients.patient()).isFalse();
    assertThat(recipients.guardians()).containsExactly(MOTHER);
  }

  @Test
  void minorWithoutAGuardianOrParent_isWrittenToThemself() {
    GuardianPolicy.Recipients recipients = policy.recipients(TEN_YEARS_AGO, List.of(EMERGENCY_CONTACT), TODAY);

    assertThat(recipients.patient()).isTrue();
    assertThat(recipients.guardians()).isEmpty();
  }

  @Test
  void anAdultsMother_isNotTheirGuardian() {
    assertThat(policy.recipients(FORTY_YEARS_AGO, List.of(MOTHER), TODAY).guardians()).isEmpty();
  }

  @Test
  void adultWithALegalGuardian_getsTheirMessages_andTheGuardianToo() {
    GuardianPolicy.Recipients recipients = policy.recipients(FORTY_YEARS_AGO, List.of(LEGAL_GUARDIAN, MOTHER), TODAY);

    assertThat(recipients.patient()).isTrue();
    assertThat(recipients.guardians()).containsExactly(LEGAL_GUARDIAN);
  }

  @Test
  void theDayOfTheSixteenthBirthday_endsMinority() {
    LocalDate sixteenToday = TODAY.minusYears(16);

    assertThat(policy.isMinor(sixteenToday, TODAY)).isFalse();
    assertThat(policy.isMinor(sixteenToday.plusDays(1), TODAY)).isTrue();
  }

  @Test
  void withoutABirthDate_thePatientIsNotTakenForAMinor() {
    assertThat(policy.recipients(null, List.of(MOTHER), TODAY).patient()).isTrue();
  }

  @Test
  void patientOnly_neverWritesToGuardians() {
    assertThat(GuardianPolicy.patientOnly().recipients(TEN_YEARS_AGO, List.of(LEGAL_GUARDIAN), TODAY).guardians())
        .isEmpty();
  }

  @Test
  void aBareCode_matchesInAnySystem() {
    GuardianPolicy local = new GuardianPolicy(18, Rule.GUARDIANS_INSTEAD, Rule.GUARDIANS_INSTEAD,
        List.of("guardian"), List.of());
    Guardian localGuardian = contact("RelatedPerson/l", "urn:local|guardian");

    assertThat(local.recipients(FORTY_YEARS_AGO, List.of(localGuardian), TODAY).guardians()).containsExactly(localGuardian);
  }

  private static Guardian contact(String reference, String relationship) {
    return new Guardian(reference, "Sam", List.of(relationship), List.of(), List.of());
  }
}
