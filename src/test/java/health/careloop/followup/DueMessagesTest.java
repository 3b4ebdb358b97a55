package health.careloop.followup;

import static health.careloop.followup.TestLibraries.ACT_CODE;
import static health.careloop.followup.TestLibraries.ICD_10;
import static health.careloop.followup.TestLibraries.item;
import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.followup.DueMessages.Due;
import health.careloop.followup.DueMessages.Part;
import health.careloop.followup.VisitCodes.Code;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class DueMessagesTest {

  private final List<Selection.SelectedItem> emergencyAndFracture = new FollowUpSelector(TestLibraries.valid(), false)
      .select(new VisitCodes(List.of(new Code(ACT_CODE, "EMER")), List.of(), List.of(), List.of(new Code(ICD_10, "S52")),
          List.of()), LocalDate.of(2027, 3, 1))
      .items();

  @Test
  void messagesWithTheSameOffset_becomeOneDueMessage_listingEachItemsText() {
    List<Due> due = DueMessages.group(emergencyAndFracture, "en");
    assertThat(due).extracting(Due::offset).containsExactly(Duration.ofHours(4), Duration.ofDays(2), Duration.ofDays(7));
    assertThat(due.get(1).parts()).extracting(Part::itemUrl, Part::messageId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(item("emergency-visit"), "day-2"),
            org.assertj.core.groups.Tuple.tuple(item("forearm-fracture"), "day-2"));
    assertThat(due.get(0).parts()).singleElement().extracting(Part::language).isEqualTo("en");
  }

  @Test
  void eachPart_isInTheRecipientsLanguage_orInEnglishWhenTheItemHasNone() {
    List<Due> due = DueMessages.group(emergencyAndFracture, "de-AT");
    Due day2 = due.get(1);
    assertThat(day2.parts()).extracting(Part::language).containsExactly("en", "de");
    assertThat(day2.parts().get(1).text()).startsWith("Hallo {{name}}");
    assertThat(day2.parts().get(0).text()).startsWith("Hello {{name}}");
  }

  @Test
  void nothingSelected_nothingDue() {
    assertThat(DueMessages.group(List.of(), "fr")).isEmpty();
  }
}
