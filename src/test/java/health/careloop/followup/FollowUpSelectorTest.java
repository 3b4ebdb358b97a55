package health.careloop.followup;

import static health.careloop.followup.TestLibraries.ACT_CODE;
import static health.careloop.followup.TestLibraries.ICD_10;
import static health.careloop.followup.TestLibraries.ICD_10_CM;
import static health.careloop.followup.TestLibraries.SCT;
import static health.careloop.followup.TestLibraries.item;
import static health.careloop.followup.TestLibraries.valueSet;
import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.followup.Selection.Match;
import health.careloop.followup.VisitCodes.Code;
import health.careloop.followup.VisitCodes.Kind;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FollowUpSelectorTest {

  private static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
  private final FollowUpSelector selector = new FollowUpSelector(TestLibraries.valid(), false);

  private static VisitCodes visit(List<Code> classCodes, List<Code> type, List<Code> reason, List<Code> diagnosis,
      List<Code> procedure) {
    return new VisitCodes(classCodes, type, reason, diagnosis, procedure);
  }

  private static List<String> urls(Selection selection) {
    return selection.items().stream().map(s -> s.item().url()).toList();
  }

  @Test
  void encounterClass_selectsItsItem() {
    Selection selection = selector.select(visit(List.of(new Code(ACT_CODE, "EMER")), List.of(), List.of(), List.of(), List.of()), TODAY);
    assertThat(urls(selection)).containsExactly(item("emergency-visit"));
    assertThat(selection.items().get(0).why())
        .containsExactly(new Match(Kind.CLASS, new Code(ACT_CODE, "EMER"), valueSet("emergency-visit"), "EMER"));
    assertThat(selection.items().get(0).draft()).isFalse();
    assertThat(selection.exclusion()).isEmpty();
  }

  @Test
  void encounterType_inSnomedCt_selectsItsItem() {
    Selection selection = selector.select(visit(List.of(), List.of(new Code(SCT, "50849002")), List.of(), List.of(), List.of()), TODAY);
    assertThat(urls(selection)).containsExactly(item("emergency-visit"));
    assertThat(selection.items().get(0).why()).extracting(Match::kind).containsExactly(Kind.TYPE);
  }

  @Test
  void reasonCode_inSnomedCt_selectsItsItem() {
    Selection selection = selector.select(visit(List.of(), List.of(), List.of(new Code(SCT, "74400008")), List.of(), List.of()), TODAY);
    assertThat(urls(selection)).containsExactly(item("appendectomy"));
    assertThat(selection.items().get(0).why()).extracting(Match::kind).containsExactly(Kind.REASON);
  }

  @Test
  void diagnosis_inIcd10_selectsItsItem() {
    Selection selection = selector.select(visit(List.of(), List.of(), List.of(), List.of(new Code(ICD_10, "S52.5")), List.of()), TODAY);
    assertThat(urls(selection)).containsExactly(item("forearm-fracture"));
    assertThat(selection.items().get(0).why())
        .containsExactly(new Match(Kind.DIAGNOSIS, new Code(ICD_10, "S52.5"), valueSet("forearm-fracture"), "S52.5"));
  }

  @Test
  void diagnosis_inIcd10Cm_selectsItsItem() {
    Selection selection = selector.select(visit(List.of(), List.of(), List.of(), List.of(new Code(ICD_10_CM, "S52.501A")), List.of()), TODAY);
    assertThat(urls(selection)).containsExactly(item("forearm-fracture"));
  }

  @Test
  void diagnosis_inSnomedCt_selectsItsItem() {
    Selection selection = selector.select(visit(List.of(), List.of(), List.of(), List.of(new Code(SCT, "65966004")), List.of()), TODAY);
    assertThat(urls(selection)).containsExactly(item("forearm-fracture"));
  }

  @Test
  void icd10Subcode_selectsTheItemListingItsAncestor_andSaysWhich() {
    Selection selection = selector.select(visit(List.of(), List.of(), List.of(), List.of(new Code(ICD_10, "S52.52")), List.of()), TODAY);
    assertThat(urls(selection)).containsExactly(item("forearm-fracture"));
    assertThat(selection.items().get(0).why())
        .containsExactly(new Match(Kind.DIAGNOSIS, new Code(ICD_10, "S52.52"), valueSet("forearm-fracture"), "S52.5"));
  }

  @Test
  void procedure_inSnomedCt_selectsItsItem() {
    Selection selection = selector.select(visit(List.of(), List.of(), List.of(), List.of(), List.of(new Code(SCT, "80146002"))), TODAY);
    assertThat(urls(selection)).containsExactly(item("appendectomy"));
    assertThat(selection.items().get(0).why()).extracting(Match::kind).containsExactly(Kind.PROCEDURE);
  }

  /**
   * Every kind of code (type, reason, diagnosis, procedure) selects content in each code system the
   * library lists (SNOMED CT, ICD-10, ICD-10-CM): the kind decides only the "why", never whether it matches.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0} in {1}")
  @org.junit.jupiter.params.provider.CsvSource({
      "TYPE, http://snomed.info/sct, 65966004", "TYPE, http://hl7.org/fhir/sid/icd-10, S52.5",
      "TYPE, http://hl7.org/fhir/sid/icd-10-cm, S52.501A",
      "REASON, http://snomed.info/sct, 65966004", "REASON, http://hl7.org/fhir/sid/icd-10, S52.5",
      "REASON, http://hl7.org/fhir/sid/icd-10-cm, S52.501A",
      "DIAGNOSIS, http://snomed.info/sct, 65966004", "DIAGNOSIS, http://hl7.org/fhir/sid/icd-10, S52.5",
      "DIAGNOSIS, http://hl7.org/fhir/sid/icd-10-cm, S52.501A",
      "PROCEDURE, http://snomed.info/sct, 65966004", "PROCEDURE, http://hl7.org/fhir/sid/icd-10, S52.5",
      "PROCEDURE, http://hl7.org/fhir/sid/icd-10-cm, S52.501A"})
  void eachKindOfCode_inEachCodeSystem_selectsItsItem(Kind kind, String system, String code) {
    List<Code> one = List.of(new Code(system, code));
    VisitCodes codes = visit(List.of(), kind == Kind.TYPE ? one : List.of(), kind == Kind.REASON ? one : List.of(),
        kind == Kind.DIAGNOSIS ? one : List.of(), kind == Kind.PROCEDURE ? one : List.of());

    Selection selection = selector.select(codes, TODAY);

    assertThat(urls(selection)).containsExactly(item("forearm-fracture"));
    assertThat(selection.items().get(0).why()).extracting(Match::kind).containsExactly(kind);
  }

  @Test
  void severalCodes_selectSeveralItems_inLibraryOrder_eachWithItsReasons() {
    Selection selection = selector.select(visit(List.of(new Code(ACT_CODE, "EMER")), List.of(), List.of(),
        List.of(new Code(ICD_10, "S52"), new Code(SCT, "65966004")), List.of()), TODAY);
    assertThat(urls(selection)).containsExactly(item("emergency-visit"), item("forearm-fracture"));
    assertThat(selection.items().get(1).why()).hasSize(2);
  }

  @Test
  void noMatchingCode_selectsNothing() {
    Selection selection = selector.select(visit(List.of(new Code(ACT_CODE, "AMB")), List.of(new Code(SCT, "185349003")),
        List.of(), List.of(new Code(ICD_10, "S42.0"), new Code("http://example.org/local", "S52")), List.of()), TODAY);
    assertThat(selection.items()).isEmpty();
    assertThat(selection.leftOut()).isEmpty();
    assertThat(selection.exclusion()).isEmpty();
  }

  @Test
  void sensitiveDiagnosis_excludesEveryItem_namingTheValueSetNotTheCode() {
    Selection selection = selector.select(visit(List.of(new Code(ACT_CODE, "EMER")), List.of(), List.of(),
        List.of(new Code(ICD_10, "S52.5"), new Code(ICD_10, "C50.9")), List.of()), TODAY);
    assertThat(selection.items()).isEmpty();
    assertThat(selection.leftOut()).isEmpty();
    assertThat(selection.exclusion()).hasValueSatisfying(reason -> assertThat(reason)
        .contains(ContentLibrary.SENSITIVE_CONDITIONS).contains("diagnosis").doesNotContain("C50"));
  }

  @Test
  void sensitiveCodeOfAnyKind_excludesEveryItem() {
    for (VisitCodes visit : List.of(
        visit(List.of(), List.of(), List.of(new Code(SCT, "86406008")), List.of(), List.of()),
        visit(List.of(), List.of(), List.of(), List.of(new Code(ICD_10_CM, "B20")), List.of(new Code(SCT, "80146002"))))) {
      assertThat(selector.select(visit, TODAY).items()).isEmpty();
      assertThat(selector.select(visit, TODAY).exclusion()).isPresent();
    }
  }

  @Test
  void draftItem_isLeftOut_withItsReason() {
    Selection selection = selector.select(visit(List.of(), List.of(), List.of(new Code(SCT, "195967001")), List.of(), List.of()), TODAY);
    assertThat(selection.items()).isEmpty();
    assertThat(selection.leftOut()).singleElement().satisfies(left -> {
      assertThat(left.item().url()).isEqualTo(item("asthma-draft"));
      assertThat(left.reason()).contains("draft");
    });
  }

  @Test
  void itemPastItsNextReviewDate_isLeftOut_withItsReason() {
    Selection selection = selector.select(visit(List.of(), List.of(), List.of(), List.of(new Code(ICD_10, "S52")), List.of()),
        LocalDate.of(2027, 11, 28));
    assertThat(selection.items()).isEmpty();
    assertThat(selection.leftOut()).singleElement().satisfies(left -> assertThat(left.reason()).contains("2027-11-27"));
  }

  @Test
  void itemOnItsNextReviewDate_isStillCurrent() {
    Selection selection = selector.select(visit(List.of(), List.of(), List.of(), List.of(new Code(ICD_10, "S52")), List.of()),
        LocalDate.of(2027, 11, 27));
    assertThat(urls(selection)).containsExactly(item("forearm-fracture"));
  }

  @Test
  void itemBeforeItsApproval_isLeftOut() {
    Selection selection = selector.select(visit(List.of(), List.of(), List.of(), List.of(new Code(ICD_10, "S52")), List.of()),
        LocalDate.of(2026, 11, 26));
    assertThat(selection.items()).isEmpty();
    assertThat(selection.leftOut()).singleElement().satisfies(left -> assertThat(left.reason()).contains("not approved"));
  }

  @Test
  void draftAndExpiredItems_areSelectedFlaggedAsDraft_whenDraftContentIsAllowed() {
    FollowUpSelector allowingDrafts = new FollowUpSelector(TestLibraries.valid(), true);
    Selection selection = allowingDrafts.select(visit(List.of(), List.of(), List.of(new Code(SCT, "195967001")),
        List.of(new Code(ICD_10, "S52")), List.of()), LocalDate.of(2028, 1, 1));
    assertThat(urls(selection)).containsExactly(item("asthma-draft"), item("forearm-fracture"));
    assertThat(selection.items()).allSatisfy(s -> {
      assertThat(s.draft()).isTrue();
      assertThat(s.draftReason()).isPresent();
    });
    assertThat(selection.leftOut()).isEmpty();
  }

  @Test
  void sensitiveCode_excludesEvenWhenDraftContentIsAllowed() {
    FollowUpSelector allowingDrafts = new FollowUpSelector(TestLibraries.valid(), true);
    Selection selection = allowingDrafts.select(visit(List.of(), List.of(), List.of(new Code(SCT, "195967001")),
        List.of(new Code(SCT, "363346000")), List.of()), TODAY);
    assertThat(selection.items()).isEmpty();
    assertThat(selection.exclusion()).isPresent();
  }
}
