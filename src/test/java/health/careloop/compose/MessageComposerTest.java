package health.careloop.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.careloop.rules.MessageKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the shipped templates in config/templates. */
class MessageComposerTest {

  private static final Instant START = Instant.parse("2026-12-10T09:30:00Z");
  private final MessageComposer composer =
      new MessageComposer(TemplateCatalog.load(Path.of("config/templates"), "en"), "en");

  /** A message to the patient about one appointment. */
  private static TemplateValues toPatient(String name, Instant appointmentStart, ZoneId timeZone, String locationName,
      Instant previousStart, String contact) {
    return new TemplateValues(name, false, name, appointmentStart, timeZone, locationName, previousStart, contact,
        List.of());
  }

  @Test
  void frenchPatient_getsFrenchText_withDateAndTimeInTheirZone() {
    RenderedMessage m = composer.compose(MessageKind.APPOINTMENT_REMINDER, List.of("fr-FR"),
        toPatient("Camille", START, ZoneId.of("Europe/Paris"), "Clinique du Parc", null, null));

    assertThat(m.language()).isEqualTo("fr");
    assertThat(m.text()).startsWith("Bonjour Camille").contains("jeudi 10 décembre 2026").contains("10:30")
        .contains("Clinique du Parc");
  }

  @Test
  void englishInNewYork_showsNewYorkTime() {
    RenderedMessage m = composer.compose(MessageKind.APPOINTMENT_REMINDER, List.of("en"),
        toPatient("Sam", START, ZoneId.of("America/New_York"), null, null, null));

    assertThat(m.language()).isEqualTo("en");
    assertThat(m.text()).contains("Thursday, December 10, 2026").contains("4:30").doesNotContain(" at  ");
  }

  @Test
  void unknownLanguage_fallsBackToEnglish_andSaysSo() {
    RenderedMessage m = composer.compose(MessageKind.APPOINTMENT_REMINDER, List.of("tlh"),
        toPatient(null, START, ZoneId.of("Europe/London"), null, null, "+44 20 7946 0000"));

    assertThat(m.language()).isEqualTo("en");
    assertThat(m.text()).startsWith("Hello, this is a reminder").contains("+44 20 7946 0000");
  }

  @Test
  void datesAreWrittenTheRecipientsRegionsWay_elseTheConfiguredOne() {
    MessageComposer british = new MessageComposer(TemplateCatalog.load(Path.of("config/templates"), "en"), "en",
        java.util.Map.of(), java.util.Map.of("en", "en-GB"));
    TemplateValues values = toPatient("Sam", START, ZoneId.of("Europe/London"), null, null, null);

    assertThat(british.compose(MessageKind.APPOINTMENT_REMINDER, List.of("en"), values).text())
        .contains("Thursday, 10 December 2026 at 09:30");
    assertThat(british.compose(MessageKind.APPOINTMENT_REMINDER, List.of("en-US"), values).text())
        .contains("Thursday, December 10, 2026 at 9:30");
    assertThat(british.compose(MessageKind.APPOINTMENT_REMINDER, List.of("fr-CA", "en"), values).language())
        .isEqualTo("fr");
  }

  @Test
  void toAGuardian_theMessageIsAboutThePatientsAppointment() {
    RenderedMessage m = composer.compose(MessageKind.APPOINTMENT_REMINDER, List.of("en"),
        new TemplateValues("Sam", true, "Alex", START, ZoneId.of("Europe/London"), "Clinic", null, null, List.of()));

    assertThat(m.text()).startsWith("Hello Sam, this is a reminder of Alex's appointment on");
  }

  @Test
  void severalAppointmentsOnOneDay_areListedInOrder_inOneMessage() {
    ZoneId paris = ZoneId.of("Europe/Paris");
    Instant afternoon = START.plusSeconds(4 * 3600);
    RenderedMessage m = composer.compose(MessageKind.APPOINTMENT_REMINDER, List.of("fr"),
        new TemplateValues("Camille", false, "Camille", START, paris, "Clinique du Parc", null, null,
            List.of(new TemplateValues.Visit(afternoon, "Annexe"), new TemplateValues.Visit(START, "Clinique du Parc"))));

    assertThat(m.text()).contains("vos rendez-vous du jeudi 10 décembre 2026 : 10:30 (Clinique du Parc) et 14:30 (Annexe)");
  }

  @Test
  void templateWithAnUnknownVariable_failsAtLoad_namingTheFile(@TempDir Path dir) throws IOException {
    TemplateFolders.everyKindInEnglish(dir);
    Path kind = dir.resolve(MessageKind.APPOINTMENT_REMINDER.code());
    Files.writeString(kind.resolve("en.mustache"), "Hello {{patientFullName}}");

    assertThatThrownBy(() -> TemplateCatalog.load(dir, "en"))
        .isInstanceOf(TemplateCatalog.InvalidTemplateException.class)
        .hasMessageContaining("en.mustache");
  }

  @Test
  void missingFallbackTemplate_failsAtLoad_namingTheFile(@TempDir Path dir) throws IOException {
    TemplateFolders.everyKindInEnglish(dir);
    Path kind = dir.resolve(MessageKind.APPOINTMENT_REMINDER.code());
    Files.delete(kind.resolve("en.mustache"));
    Files.writeString(kind.resolve("fr.mustache"), "Bonjour");

    assertThatThrownBy(() -> TemplateCatalog.load(dir, "en"))
        .hasMessageContaining("appointment-reminder/en.mustache").hasMessageContaining("fallback");
  }

}
