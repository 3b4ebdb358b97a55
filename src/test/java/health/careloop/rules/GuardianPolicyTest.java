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
    GuardianPolicy patientOnly = new GuardianPolicy(16, Rule.PATIENT_ONLY, Rule.PATIENT_ONLY,
        List.of(ROLE + "GUARD"), List.of(ROLE + "MTH"));

    assertThat(patientOnly.recipients(TEN_YEARS_AGO, List.of(LEGAL_GUARDIAN), TODAY).guardians())
        .isEmpty();
  }

  @Test
  void atSendTime_aMinorsParent_stillReceivesTheCopy_asPlanned() {
    GuardianPolicy.AtSendTime atSendTime = policy.atSendTime(MOTHER.reference(), TEN_YEARS_AGO, List.of(MOTHER), TODAY, false);

    assertThat(atSendTime.guardian()).isEqualTo(MOTHER);
    assertThat(atSendTime.patient()).isFalse();
    assertThat(atSendTime.reason()).isNull();
  }

  @Test
  void atSendTime_aMinorWhoHasComeOfAge_getsTheParentsCopyThemself() {
    LocalDate sixteenYesterday = TODAY.minusYears(16).minusDays(1);

    GuardianPolicy.AtSendTime atSendTime = policy.atSendTime(MOTHER.reference(), sixteenYesterday,
        List.of(MOTHER, EMERGENCY_CONTACT), TODAY, false);

    assertThat(atSendTime.guardian()).isNull();
    assertThat(atSendTime.patient()).isTrue();
    assertThat(atSendTime.reason()).isEqualTo("the patient is now an adult");
  }

  @Test
  void atSendTime_aPatientWhoHasComeOfAge_andHasTheirOwnCopyPlanned_getsNoSecondOne() {
    LocalDate sixteenToday = TODAY.minusYears(16);

    GuardianPolicy.AtSendTime atSendTime = policy.atSendTime(MOTHER.reference(), sixteenToday, List.of(MOTHER), TODAY, true);

    assertThat(atSendTime.nobody()).isTrue();
    assertThat(atSendTime.reason())
        .isEqualTo("the recipient is no longer the patient's guardian: the patient is now an adult; the patient has their own copy");
  }

  @Test
  void atSendTime_theDayBeforeTheSixteenthBirthday_theParentStillGetsIt() {
    GuardianPolicy.AtSendTime atSendTime = policy.atSendTime(MOTHER.reference(), TODAY.minusYears(16).plusDays(1),
        List.of(MOTHER), TODAY, false);

    assertThat(atSendTime.guardian()).isEqualTo(MOTHER);
    assertThat(atSendTime.patient()).isFalse();
  }

  @Test
  void atSendTime_aLegalGuardianOfAMinorWhoHasComeOfAge_keepsTheirCopy_andThePatientGetsOneToo() {
    GuardianPolicy.AtSendTime atSendTime = policy.atSendTime(LEGAL_GUARDIAN.reference(), TODAY.minusYears(17),
        List.of(LEGAL_GUARDIAN), TODAY, false);

    assertThat(atSendTime.guardian()).isEqualTo(LEGAL_GUARDIAN);
    assertThat(atSendTime.patient()).isTrue();
    assertThat(atSendTime.reason()).isEqualTo("the patient now receives their own messages too");
    assertThat(policy.atSendTime(LEGAL_GUARDIAN.reference(), TODAY.minusYears(17), List.of(LEGAL_GUARDIAN), TODAY, true)
        .patient()).as("their own copy was planned: no second one").isFalse();
  }

  @Test
  void atSendTime_aGuardianNoLongerRecorded_whileAnotherStillIs_nobodyGetsThisCopy() {
    Guardian father = contact("RelatedPerson/f", ROLE + "FTH");

    GuardianPolicy.AtSendTime atSendTime = policy.atSendTime(MOTHER.reference(), TEN_YEARS_AGO, List.of(father), TODAY, false);

    assertThat(atSendTime.nobody()).isTrue();
    assertThat(atSendTime.reason()).isEqualTo("the recipient is no longer recorded as the patient's guardian");
  }

  @Test
  void atSendTime_aMinorsOnlyGuardianNoLongerRecorded_thePatientGetsIt_asPlanningWouldDecideNow() {
    GuardianPolicy.AtSendTime atSendTime = policy.atSendTime(MOTHER.reference(), TEN_YEARS_AGO,
        List.of(EMERGENCY_CONTACT), TODAY, false);

    assertThat(atSendTime.guardian()).isNull();
    assertThat(atSendTime.patient()).isTrue();
    assertThat(atSendTime.reason()).isEqualTo("the recipient is no longer recorded as the patient's guardian");
  }

  @Test
  void atSendTime_aMinorsOwnMessage_goesToAParentRecordedSincePlanning_insteadOfTheChild() {
    Guardian father = contact("RelatedPerson/f", ROLE + "FTH");

    GuardianPolicy.PatientsOwnAtSendTime atSendTime = policy.patientsOwnAtSendTime(TEN_YEARS_AGO,
        List.of(MOTHER, father, EMERGENCY_CONTACT), TODAY, guardian -> false);

    assertThat(atSendTime.patient()).isFalse();
    assertThat(atSendTime.guardians()).containsExactly(MOTHER, father);
    assertThat(atSendTime.reason())
        .isEqualTo("a guardian recorded since it was planned receives the patient's messages instead");
  }

  @Test
  void atSendTime_aMinorsOwnMessage_withoutAGuardianStill_goesAsPlanned() {
    GuardianPolicy.PatientsOwnAtSendTime atSendTime = policy.patientsOwnAtSendTime(TEN_YEARS_AGO,
        List.of(EMERGENCY_CONTACT), TODAY, guardian -> false);

    assertThat(atSendTime.patient()).isTrue();
    assertThat(atSendTime.guardians()).isEmpty();
    assertThat(atSendTime.reason()).isNull();
  }

  @Test
  void atSendTime_anAdultsOwnMessage_goesToALegalGuardianRecordedSince_too_butNotToAParent() {
    GuardianPolicy.PatientsOwnAtSendTime atSendTime = policy.patientsOwnAtSendTime(FORTY_YEARS_AGO,
        List.of(MOTHER, LEGAL_GUARDIAN), TODAY, guardian -> false);

    assertThat(atSendTime.patient()).isTrue();
    assertThat(atSendTime.guardians()).containsExactly(LEGAL_GUARDIAN);
    assertThat(atSendTime.reason())
        .isEqualTo("a guardian recorded since it was planned receives the patient's messages too");
  }

  @Test
  void atSendTime_aGuardianWhoseOwnCopyWasPlanned_getsNoSecondOne() {
    GuardianPolicy.PatientsOwnAtSendTime adult = policy.patientsOwnAtSendTime(FORTY_YEARS_AGO,
        List.of(LEGAL_GUARDIAN), TODAY, guardian -> true);
    GuardianPolicy.PatientsOwnAtSendTime minor = policy.patientsOwnAtSendTime(TEN_YEARS_AGO,
        List.of(MOTHER), TODAY, guardian -> guardian.equals(MOTHER));

    assertThat(adult.patient()).isTrue();
    assertThat(adult.guardians()).isEmpty();
    assertThat(adult.reason()).isNull();
    assertThat(minor.patient()).isFalse();
    assertThat(minor.guardians()).isEmpty();
    assertThat(minor.reason()).isEqualTo("the patient's messages now go to their guardians, whose own copies were planned");
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
