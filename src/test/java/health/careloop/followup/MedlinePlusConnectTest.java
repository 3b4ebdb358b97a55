package health.careloop.followup;

import static health.careloop.followup.TestLibraries.ICD_10;
import static health.careloop.followup.TestLibraries.ICD_10_CM;
import static health.careloop.followup.TestLibraries.SCT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.careloop.compose.ContentTexts.ContentText;
import health.careloop.compose.ContentTexts.ContentValues;
import health.careloop.followup.VisitCodes.Code;
import health.careloop.followup.internal.LibraryTexts;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** MedlinePlus Connect links for a diagnosis no library item covers: built from the code, never fetched. */
class MedlinePlusConnectTest {

  private static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
  static final MedlinePlusConnect LINKS = new MedlinePlusConnect(Duration.ofHours(4),
      Map.of("en", "Read more: {{link}}", "es", "Más información: {{link}}"));
  private final FollowUpSelector selector = new FollowUpSelector(TestLibraries.valid(), false, Optional.of(LINKS));

  private static VisitCodes diagnoses(Code... codes) {
    return new VisitCodes(List.of(), List.of(), List.of(), List.of(codes), List.of());
  }

  @Test
  void theLink_isBuiltFromTheCode_perCodeSystem_andLanguage() {
    assertThat(MedlinePlusConnect.link(new Code(ICD_10_CM, "J45.909"), "en")).isEqualTo(
        "https://connect.medlineplus.gov/application?mainSearchCriteria.v.cs=2.16.840.1.113883.6.90"
            + "&mainSearchCriteria.v.c=J45.909&informationRecipient.languageCode.c=en");
    assertThat(MedlinePlusConnect.link(new Code(SCT, "195967001"), "es")).isEqualTo(
        "https://connect.medlineplus.gov/application?mainSearchCriteria.v.cs=2.16.840.1.113883.6.96"
            + "&mainSearchCriteria.v.c=195967001&informationRecipient.languageCode.c=es");
  }

  @Test
  void spanishInAnyRegion_isSpanish_everyOtherLanguageIsEnglish() {
    assertThat(MedlinePlusConnect.pageLanguage("es-MX")).isEqualTo("es");
    assertThat(MedlinePlusConnect.pageLanguage("ES")).isEqualTo("es");
    assertThat(MedlinePlusConnect.pageLanguage("fr")).isEqualTo("en");
    assertThat(MedlinePlusConnect.pageLanguage(null)).isEqualTo("en");
  }

  @Test
  void aCodeIsEncoded_andOnlyIcd10CmAndSnomedCtAreRead() {
    assertThat(MedlinePlusConnect.link(new Code(ICD_10_CM, "A&B"), "en")).contains("mainSearchCriteria.v.c=A%26B&");
    assertThat(MedlinePlusConnect.reads(ICD_10)).isFalse();
    assertThatThrownBy(() -> MedlinePlusConnect.link(new Code(ICD_10, "J45"), "en"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aTextWithoutItsLink_isRefused() {
    assertThatThrownBy(() -> new MedlinePlusConnect(Duration.ZERO, Map.of("en", "{{link}}", "es", "sin enlace")))
        .hasMessageContaining("'es'");
  }

  @Test
  void aDiagnosisNoItemCovers_getsALink_oneCoveredDoesNot_norDoesAnotherKindOfCode() {
    Selection selection = selector.select(new VisitCodes(List.of(), List.of(), List.of(new Code(SCT, "185349003")),
        List.of(new Code(ICD_10_CM, "J45.909"), new Code(ICD_10_CM, "J45.909"), new Code(ICD_10, "S52.5"),
            new Code(ICD_10, "J45"), new Code(SCT, "38341003")), List.of()), TODAY);

    assertThat(selection.items()).extracting(s -> s.item().url()).containsExactly(
        TestLibraries.item("forearm-fracture"),
        "https://careloop.health/fhir/medlineplus-connect/2.16.840.1.113883.6.90/J45.909",
        "https://careloop.health/fhir/medlineplus-connect/2.16.840.1.113883.6.96/38341003");
    Selection.SelectedItem link = selection.items().get(1);
    assertThat(link.draft()).isFalse();
    assertThat(link.item().messages()).singleElement().satisfies(m -> {
      assertThat(m.offset()).isEqualTo(Duration.ofHours(4));
      assertThat(m.text("en").text()).isEqualTo("Read more: " + MedlinePlusConnect.link(new Code(ICD_10_CM, "J45.909"), "en"));
      assertThat(m.text("es").text()).isEqualTo("Más información: " + MedlinePlusConnect.link(new Code(ICD_10_CM, "J45.909"), "es"));
      assertThat(m.text("fr").language()).isEqualTo("en");
    });
  }

  @Test
  void aSensitiveDiagnosis_getsNoLink_norDoesAnyOtherOfTheVisit() {
    Selection selection = selector.select(diagnoses(new Code(ICD_10_CM, "B20"), new Code(ICD_10_CM, "J45.909")), TODAY);

    assertThat(selection.items()).isEmpty();
    assertThat(selection.exclusion()).isPresent();
  }

  @Test
  void switchedOff_noLink() {
    assertThat(new FollowUpSelector(TestLibraries.valid(), false).select(diagnoses(new Code(ICD_10_CM, "J45.909")), TODAY)
        .items()).isEmpty();
  }

  @Test
  void atSendTime_theTextIsInSpanishOrEnglish_withThePageInTheSameLanguage_andNothingWhenSwitchedOff() {
    String planned = LINKS.item(new Code(SCT, "195967001")).url() + "#medlineplus";
    LibraryTexts on = new LibraryTexts(TestLibraries.valid(), false, Duration.ofDays(2), Optional.of(LINKS));
    ContentValues values = new ContentValues("Ana", "+1 555 0100");

    ContentText spanish = on.compose(List.of(planned), List.of("es-MX"), values, TODAY).orElseThrow();
    assertThat(spanish.language()).isEqualTo("es");
    assertThat(spanish.text()).isEqualTo("Más información: " + MedlinePlusConnect.link(new Code(SCT, "195967001"), "es"));
    assertThat(spanish.pages()).singleElement().satisfies(p -> assertThat(p.url()).endsWith("languageCode.c=es"));

    ContentText other = on.compose(List.of(planned), List.of("ar"), values, TODAY).orElseThrow();
    assertThat(other.language()).isEqualTo("en");
    assertThat(other.text()).endsWith("languageCode.c=en");

    LibraryTexts off = new LibraryTexts(TestLibraries.valid(), false, Duration.ofDays(2));
    assertThat(off.compose(List.of(planned), List.of("en"), values, TODAY)).isEmpty();
  }
}
