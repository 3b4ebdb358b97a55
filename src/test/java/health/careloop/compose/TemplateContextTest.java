package health.careloop.compose;

import static org.assertj.core.api.Assertions.assertThat;

import com.samskivert.mustache.Mustache;
import health.careloop.compose.TemplateContext.Slot;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateContextTest {

  private static final Mustache.Compiler COMPILER =
      Mustache.compiler().escapeHTML(false).strictSections(true).emptyStringIsFalse(true);

  @Test
  void nothingSet_everyVariableIsPresent_emptyOrFalse() {
    Map<String, Object> context = TemplateContext.builder().build();

    assertThat(context).containsOnlyKeys(TemplateContext.VARIABLES);
    assertThat(context).containsEntry("name", "").containsEntry("forSomeoneElse", false)
        .containsEntry("several", false).containsEntry("appointments", List.of()).containsEntry("contact", "");
  }

  @Test
  void severalIsTrue_withMoreThanOneAppointment() {
    assertThat(TemplateContext.builder().appointments(List.of(new Slot("9:30", "X"))).build())
        .containsEntry("several", false);
    assertThat(TemplateContext.builder().appointments(List.of(new Slot("9:30", "X"), new Slot("11:00", "X"))).build())
        .containsEntry("several", true);
  }

  @Test
  void aRunOfAppointmentsAtOnePlace_namesThePlaceOnce_afterItsLastTime() {
    String list = "{{#appointments}}{{^-first}}{{^-last}}, {{/-last}}{{#-last}} and {{/-last}}{{/-first}}"
        + "{{time}}{{#location}} at {{location}}{{/location}}{{/appointments}}";
    Map<String, Object> samePlace = TemplateContext.builder().location("X").appointments(List.of(
        new Slot("9:30", "X"), new Slot("11:00", "X"), new Slot("14:15", "X"))).build();
    Map<String, Object> twoPlaces = TemplateContext.builder().location("X").appointments(List.of(
        new Slot("9:30", "X"), new Slot("11:00", "X"), new Slot("14:15", "Y"))).build();

    assertThat(COMPILER.compile(list).execute(samePlace)).isEqualTo("9:30, 11:00 and 14:15 at X");
    assertThat(COMPILER.compile(list).execute(twoPlaces)).isEqualTo("9:30, 11:00 at X and 14:15 at Y");
  }

  @Test
  void anAppointmentWithoutAPlace_neverShowsTheMessagesPlaceInstead() {
    // Mustache looks a name up in the enclosing context when an item lacks it: every item has its own.
    Map<String, Object> context = TemplateContext.builder().location("Main site")
        .appointments(List.of(new Slot("9:30", null), new Slot("11:00", "Annex"))).build();

    assertThat(COMPILER.compile("{{#appointments}}[{{time}}{{#location}} {{location}}{{/location}}]{{/appointments}}")
        .execute(context)).isEqualTo("[9:30][11:00 Annex]");
  }

  @Test
  void nullValues_renderAsEmpty() {
    Map<String, Object> context = TemplateContext.builder().name(null).location(null).contact(null).previous(null, null).build();

    assertThat(COMPILER.compile("Hello{{#name}} {{name}}{{/name}}{{#location}} at {{location}}{{/location}}.{{previousDate}}")
        .execute(context)).isEqualTo("Hello.");
  }
}
