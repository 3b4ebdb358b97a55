package health.careloop.followup;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.compose.SmsSegments;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library CareLoop ships in {@code config/content}: it loads, every item is current and links to
 * an authoritative patient page, every message fits in two SMS segments and has English, and the
 * library is broad enough to be useful.
 */
class ShippedContentLibraryTest {

  private static final Path SHIPPED = Path.of("config/content");
  private static ContentLibrary library;

  @BeforeAll
  static void load() {
    assertThat(SHIPPED).as("the shipped follow-up content library " + SHIPPED.toAbsolutePath()
        + " (config/content/items and valuesets) is missing").isDirectory();
    library = TestLibraries.load(SHIPPED);
  }

  @Test
  void hasAtLeastTwelveItems() {
    assertThat(library.items()).hasSizeGreaterThanOrEqualTo(12);
  }

  /** Against today's date on purpose: the build fails when a shipped item is due for its clinical review. */
  @Test
  void everyItem_isActiveAndCurrent() {
    assertThat(library.items()).allSatisfy(item ->
        assertThat(item.notCurrentReason(LocalDate.now())).as(item.url()).isEmpty());
  }

  @Test
  void everyItem_linksToAPatientPageOnMedlinePlusOrTheNhs() {
    assertThat(library.items()).allSatisfy(item -> {
      URI page = URI.create(item.patientPage().url());
      assertThat(page.getScheme()).as(item.url()).isEqualTo("https");
      assertThat(page.getHost()).as(item.url()).matches("(.+\\.)?(medlineplus\\.gov|nhs\\.uk)");
      assertThat(item.patientPage().title()).as(item.url()).isNotBlank();
    });
  }

  @Test
  void everyMessage_hasEnglish_andFitsInTwoSmsSegments_withItsLinkInPlace() {
    assertThat(library.items()).allSatisfy(item -> assertThat(item.messages()).isNotEmpty().allSatisfy(message -> {
      assertThat(message.texts()).as(item.url() + " " + message.id()).containsKey("en");
      // As it will be sent: with the patient page's address in place of {{link}}.
      message.texts().forEach((language, text) -> {
        String sent = text.replace("{{link}}", item.patientPage().url());
        assertThat(SmsSegments.segments(sent)).as("%s %s in %s: %s", item.url(), message.id(), language, sent)
            .isLessThanOrEqualTo(2);
      });
    }));
  }

  @Test
  void atLeastSixItems_haveTwoMoreLanguagesThanEnglish_inEveryMessage() {
    long multilingual = library.items().stream()
        .filter(item -> item.messages().stream().allMatch(message -> message.texts().size() >= 3))
        .count();
    assertThat(multilingual).isGreaterThanOrEqualTo(6);
  }

  @Test
  void hasTheSensitiveConditionsValueSet_andItExcludes() {
    // The loader refuses a library without it; this checks it is not empty of the obvious.
    assertThat(Files.exists(SHIPPED.resolve("valuesets/sensitive-conditions.json"))).isTrue();
    assertThat(library.membership().codeInValueSet(ContentLibrary.SENSITIVE_CONDITIONS,
        new VisitCodes.Code("http://hl7.org/fhir/sid/icd-10", "B20"))).as("HIV disease (ICD-10 B20)").isPresent();
  }
}
