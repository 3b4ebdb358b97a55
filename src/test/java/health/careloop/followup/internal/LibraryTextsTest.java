package health.careloop.followup.internal;

import static health.careloop.followup.TestLibraries.item;
import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.compose.ContentTexts.ContentText;
import health.careloop.compose.ContentTexts.ContentValues;
import health.careloop.followup.TestLibraries;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LibraryTextsTest {

  private static final LocalDate TODAY = LocalDate.of(2027, 3, 1);
  private static final ContentValues VALUES = new ContentValues("Ana", "+44 20 7946 0000");
  private static final String EVENING = item("emergency-visit") + "#evening";
  private static final String ED_DAY_2 = item("emergency-visit") + "#day-2";
  private static final String FRACTURE_DAY_2 = item("forearm-fracture") + "#day-2";

  private final LibraryTexts texts = new LibraryTexts(TestLibraries.valid(), false, Duration.ofDays(2));

  @Test
  void oneItem_inTheRecipientsLanguage_withItsLinkFilledIn_andItsCanonicalAndPage() {
    ContentText text = texts.compose(List.of(EVENING), List.of("fr-CA"), VALUES, TODAY).orElseThrow();

    assertThat(text.language()).isEqualTo("fr");
    assertThat(text.text()).doesNotContain("{{");
    assertThat(text.canonicals()).singleElement().asString().startsWith(item("emergency-visit") + "|");
    assertThat(text.pages()).singleElement().satisfies(page -> assertThat(text.text()).contains(page.url()));
    assertThat(text.draft()).isFalse();
  }

  @Test
  void severalItems_areOneMessage_inOneLanguageTheyAllHave() {
    // The fracture's day-2 message is in French too, the emergency visit's is not: all in English.
    ContentText text = texts.compose(List.of(ED_DAY_2, FRACTURE_DAY_2), List.of("fr"), VALUES, TODAY).orElseThrow();

    assertThat(text.language()).isEqualTo("en");
    assertThat(text.text().split(LibraryTexts.PART_SEPARATOR)).hasSize(2);
    assertThat(text.canonicals()).hasSize(2);
    assertThat(text.pages()).hasSize(2);
  }

  @Test
  void anItemWhoseReviewLapsedSincePlanning_isLeftOut() {
    LocalDate afterNextReview = LocalDate.of(2027, 11, 28);

    assertThat(texts.compose(List.of(EVENING), List.of("en"), VALUES, afterNextReview)).isEmpty();
    assertThat(new LibraryTexts(TestLibraries.valid(), true, Duration.ofDays(2))
        .compose(List.of(EVENING), List.of("en"), VALUES, afterNextReview))
        .hasValueSatisfying(text -> assertThat(text.draft()).isTrue());
  }

  @Test
  void anItemNoLongerInTheLibrary_isLeftOut_andTheRestStillGoes() {
    ContentText text = texts.compose(List.of("https://example.org/PlanDefinition/gone#day-2", FRACTURE_DAY_2),
        List.of("en"), VALUES, TODAY).orElseThrow();

    assertThat(text.canonicals()).singleElement().asString().startsWith(item("forearm-fracture"));
    assertThat(text.leftOut()).singleElement().asString().contains("no longer in the content library");
  }

  @Test
  void aFollowUpDueLongerAgoThanTheLateLimit_isTooLate() {
    Instant due = Instant.parse("2027-03-01T18:00:00Z");

    assertThat(texts.whyTooLate(due, due.plus(Duration.ofDays(2)))).isEqualTo(Optional.empty());
    assertThat(texts.whyTooLate(due, due.plus(Duration.ofDays(2)).plusSeconds(1))).isPresent();
  }
}
