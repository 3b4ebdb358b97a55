package health.careloop.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.careloop.rules.MessageKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateCatalogTest {


  @Test
  void aMisspeltVariableInASectionTheFullSampleSkips_failsAtLoad_namingTheFile(@TempDir Path dir) throws IOException {
    TemplateFolders.everyKindInEnglish(dir);
    Path kind = Files.createDirectories(dir.resolve(MessageKind.APPOINTMENT_REMINDER.code()));
    Files.writeString(kind.resolve("en.mustache"), "Hello{{^contact}}, call {{phoneNumber}}{{/contact}}");

    assertThatThrownBy(() -> TemplateCatalog.load(dir, "en"))
        .isInstanceOf(TemplateCatalog.InvalidTemplateException.class)
        .hasMessageContaining("en.mustache").hasMessageContaining("phoneNumber");
  }

  @Test
  void everyFolder_isLoadedAndChecked_alsoAKindNotSentYet(@TempDir Path dir) throws IOException {
    TemplateFolders.everyKindInEnglish(dir);
    Files.createDirectories(dir.resolve(MessageKind.APPOINTMENT_REMINDER.code()));
    Files.writeString(dir.resolve(MessageKind.APPOINTMENT_REMINDER.code()).resolve("en.mustache"), "Hello {{name}}");
    Files.createDirectories(dir.resolve("appointment-missed"));
    Files.writeString(dir.resolve("appointment-missed").resolve("en.mustache"), "We missed you {{nmae}}");

    assertThatThrownBy(() -> TemplateCatalog.load(dir, "en"))
        .hasMessageContaining("appointment-missed").hasMessageContaining("nmae");

    Files.writeString(dir.resolve("appointment-missed").resolve("en.mustache"), "We missed you{{#name}} {{name}}{{/name}}.");
    Files.writeString(dir.resolve("appointment-missed").resolve("fr.mustache"), "Nous vous attendions.");
    TemplateCatalog catalog = TemplateCatalog.load(dir, "en");
    assertThat(catalog.kinds()).contains("appointment-missed", "appointment-reminder");
    assertThat(catalog.languages("appointment-missed")).containsExactlyInAnyOrder("en", "fr");
    assertThat(new MessageComposer(catalog, "en").render("appointment-missed", "en", Map.of("name", "Sam")))
        .isEqualTo("We missed you Sam.");
  }

  @Test
  void aFolderWithoutTheFallbackLanguage_failsAtLoad(@TempDir Path dir) throws IOException {
    TemplateFolders.everyKindInEnglish(dir);
    Files.delete(dir.resolve("appointment-moved").resolve("en.mustache"));
    Files.createDirectories(dir.resolve(MessageKind.APPOINTMENT_REMINDER.code()));
    Files.writeString(dir.resolve(MessageKind.APPOINTMENT_REMINDER.code()).resolve("en.mustache"), "Hello");
    Files.createDirectories(dir.resolve("appointment-moved"));
    Files.writeString(dir.resolve("appointment-moved").resolve("fr.mustache"), "Bonjour");

    assertThatThrownBy(() -> TemplateCatalog.load(dir, "en")).hasMessageContaining("appointment-moved/en.mustache");
  }
}
