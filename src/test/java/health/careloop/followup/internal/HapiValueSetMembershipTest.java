package health.careloop.followup.internal;

import static health.careloop.followup.TestLibraries.ACT_CODE;
import static health.careloop.followup.TestLibraries.ICD_10;
import static health.careloop.followup.TestLibraries.ICD_10_CM;
import static health.careloop.followup.TestLibraries.SCT;
import static health.careloop.followup.TestLibraries.valueSet;
import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.followup.ContentLibrary;
import health.careloop.followup.TestLibraries;
import health.careloop.followup.ValueSetMembership;
import health.careloop.followup.VisitCodes.Code;
import org.junit.jupiter.api.Test;

/** HAPI's in-memory terminology decides membership by the ValueSets' explicit codes. */
class HapiValueSetMembershipTest {

  private final ValueSetMembership membership = TestLibraries.valid().membership();

  @Test
  void listedCodeOfAnUnloadedCodeSystem_isInTheValueSet() {
    assertThat(membership.codeInValueSet(valueSet("forearm-fracture"), new Code(SCT, "65966004"))).contains("65966004");
    assertThat(membership.codeInValueSet(valueSet("forearm-fracture"), new Code(ICD_10, "S52"))).contains("S52");
    assertThat(membership.codeInValueSet(valueSet("forearm-fracture"), new Code(ICD_10_CM, "S52.501A"))).contains("S52.501A");
    assertThat(membership.codeInValueSet(valueSet("emergency-visit"), new Code(ACT_CODE, "EMER"))).contains("EMER");
  }

  @Test
  void unlistedCode_isNotInTheValueSet() {
    assertThat(membership.codeInValueSet(valueSet("forearm-fracture"), new Code(SCT, "71620000"))).isEmpty();
    assertThat(membership.codeInValueSet(valueSet("forearm-fracture"), new Code(ICD_10, "S42"))).isEmpty();
    assertThat(membership.codeInValueSet(valueSet("emergency-visit"), new Code(ACT_CODE, "AMB"))).isEmpty();
  }

  @Test
  void listedCodeInAnotherSystem_isNotInTheValueSet() {
    // S52 is listed for ICD-10, not for SNOMED CT; 65966004 for SNOMED CT, not for ICD-10.
    assertThat(membership.codeInValueSet(valueSet("forearm-fracture"), new Code(SCT, "S52"))).isEmpty();
    assertThat(membership.codeInValueSet(valueSet("forearm-fracture"), new Code(ICD_10, "65966004"))).isEmpty();
  }

  @Test
  void icd10Subcode_isInTheValueSetThroughItsListedAncestor() {
    assertThat(membership.codeInValueSet(valueSet("forearm-fracture"), new Code(ICD_10, "S52.52"))).contains("S52.5");
    assertThat(membership.codeInValueSet(valueSet("forearm-fracture"), new Code(ICD_10, "S52.8"))).contains("S52");
    assertThat(membership.codeInValueSet(ContentLibrary.SENSITIVE_CONDITIONS, new Code(ICD_10, "C50.9"))).contains("C50");
    // The ancestors are asked in the code's own system: C50 is listed for ICD-10, not for ICD-10-CM.
    assertThat(membership.codeInValueSet(ContentLibrary.SENSITIVE_CONDITIONS, new Code(ICD_10_CM, "C50.912"))).isEmpty();
  }

  @Test
  void icd10CmSubcode_isInTheValueSetThroughItsListedAncestor() {
    assertThat(membership.codeInValueSet(ContentLibrary.SENSITIVE_CONDITIONS, new Code(ICD_10_CM, "B20.1"))).contains("B20");
  }

  @Test
  void snomedCodes_haveNoAncestorsByTheirDigits() {
    assertThat(HapiValueSetMembership.candidates(new Code(SCT, "65966004"))).containsExactly("65966004");
    assertThat(HapiValueSetMembership.candidates(new Code(ICD_10_CM, "S52.501A")))
        .containsExactly("S52.501A", "S52.501", "S52.50", "S52.5", "S52");
  }

  @Test
  void unknownValueSet_containsNothing() {
    assertThat(membership.codeInValueSet(valueSet("no-such"), new Code(SCT, "65966004"))).isEmpty();
  }
}
