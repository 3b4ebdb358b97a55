package health.careloop.followup;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import health.careloop.compose.SmsSegments;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.ValueSet;
import org.junit.jupiter.api.Test;

/**
 * The shipped follow-up library in {@code config/content/} is valid FHIR R4 and every message fits
 * two SMS segments, so a content edit that breaks either fails the build rather than a send.
 */
class ContentFilesParseTest {

  private static final Path CONTENT = Path.of("config/content");
  private static final String TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation";

  private final IParser parser =
      FhirContext.forR4().newJsonParser().setParserErrorHandler(new StrictErrorHandler());

  @Test
  void everyItemAndValueSetParsesStrictlyAsR4() throws IOException {
    List<Path> items = jsonFiles(CONTENT.resolve("items"));
    List<Path> valueSets = jsonFiles(CONTENT.resolve("valuesets"));
    assertThat(items).hasSizeGreaterThanOrEqualTo(12);
    assertThat(valueSets).hasSize(items.size() + 1);
    for (Path file : items) {
      assertThat(parse(file)).as(file.toString()).isInstanceOf(PlanDefinition.class);
    }
    for (Path file : valueSets) {
      assertThat(parse(file)).as(file.toString()).isInstanceOf(ValueSet.class);
    }
  }

  @Test
  void everyMessageAndTranslationFitsTwoSmsSegments_englishInGsm7() throws IOException {
    List<String> problems = new ArrayList<>();
    for (Path file : jsonFiles(CONTENT.resolve("items"))) {
      PlanDefinition item = (PlanDefinition) parse(file);
      for (PlanDefinitionActionComponent action : item.getAction()) {
        String where = file.getFileName() + "#" + action.getId();
        String english = action.getDescription();
        if (!SmsSegments.isGsm7(english) || english.length() > 280 || SmsSegments.segments(english) > 2) {
          problems.add(where + " en: " + SmsSegments.count(english));
        }
        for (Extension translation : action.getDescriptionElement().getExtensionsByUrl(TRANSLATION)) {
          String lang = translation.getExtensionString("lang");
          String text = translation.getExtensionString("content");
          if (SmsSegments.segments(text) > 2) {
            problems.add(where + " " + lang + ": " + SmsSegments.count(text));
          }
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  private IBaseResource parse(Path file) throws IOException {
    return parser.parseResource(Files.readString(file, StandardCharsets.UTF_8));
  }

  private static List<Path> jsonFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
    }
  }
}
