package health.careloop.followup.internal;

import static health.careloop.followup.TestLibraries.item;
import static health.careloop.followup.TestLibraries.valueSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import health.careloop.followup.ContentItem;
import health.careloop.followup.ContentLibrary;
import health.careloop.followup.ContentLibraryException;
import health.careloop.followup.ContentMessage;
import health.careloop.followup.TestLibraries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader reads the library into items, and refuses bad content naming the file and the problem. */
class ContentLoaderTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path library;

  @BeforeEach
  void copyTheValidLibrary() throws IOException {
    try (Stream<Path> files = Files.walk(TestLibraries.VALID)) {
      for (Path source : files.toList()) {
        Path target = library.resolve(TestLibraries.VALID.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target);
        }
      }
    }
  }

  @Test
  void validLibrary_becomesItems() {
    ContentLibrary loaded = TestLibraries.load(library);
    assertThat(loaded.items()).extracting(ContentItem::url).containsExactly(item("appendectomy"), item("asthma-draft"),
        item("emergency-visit"), item("forearm-fracture"));
    ContentItem fracture = loaded.items().get(3);
    assertThat(fracture.version()).isEqualTo("1.0.0");
    assertThat(fracture.title()).isEqualTo("After a broken forearm or wrist");
    assertThat(fracture.status()).isEqualTo("active");
    assertThat(fracture.approvalDate()).isEqualTo(LocalDate.of(2026, 11, 27));
    assertThat(fracture.lastReviewDate()).isEqualTo(LocalDate.of(2026, 11, 27));
    assertThat(fracture.nextReviewDate()).isEqualTo(LocalDate.of(2027, 11, 27));
    assertThat(fracture.reviewerRole()).isEqualTo("Test clinician (clinical reviewer)");
    assertThat(fracture.patientPage()).isEqualTo(new ContentItem.PatientPage("https://www.nhs.uk/conditions/broken-arm/", "Broken arm"));
    assertThat(fracture.matches()).containsExactly(valueSet("forearm-fracture"));
    assertThat(fracture.messages()).extracting(ContentMessage::id, ContentMessage::offset)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("day-2", Duration.ofDays(2)),
            org.assertj.core.groups.Tuple.tuple("day-7", Duration.ofDays(7)));
    assertThat(fracture.messages().get(0).texts()).containsOnlyKeys("en", "fr", "de");
    assertThat(loaded.items().get(2).messages().get(0).offset()).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void fileThatIsNotJson_stopsTheLoad_namingTheFile() throws IOException {
    Files.writeString(library.resolve("items/broken.json"), "{ \"resourceType\": \"PlanDefinition\", ");
    assertLoadFails("items/broken.json", "not a valid FHIR R4 JSON resource");
  }

  @Test
  void itemThatIsNotAPlanDefinition_stopsTheLoad() throws IOException {
    Files.copy(library.resolve("valuesets/followup-asthma.json"), library.resolve("items/asthma-value-set.json"));
    assertLoadFails("items/asthma-value-set.json", "resourceType is ValueSet", "must be a PlanDefinition");
  }

  @Test
  void valueSetFileThatIsNotAValueSet_stopsTheLoad() throws IOException {
    Files.copy(library.resolve("items/appendectomy.json"), library.resolve("valuesets/appendectomy-item.json"));
    assertLoadFails("valuesets/appendectomy-item.json", "resourceType is PlanDefinition", "must be a ValueSet");
  }

  @Test
  void itemWithoutUrl_stopsTheLoad() throws IOException {
    edit("items/appendectomy.json", plan -> plan.remove("url"));
    assertLoadFails("items/appendectomy.json", "no url");
  }

  @Test
  void valueSetWithoutUrl_stopsTheLoad() throws IOException {
    edit("valuesets/followup-asthma.json", valueSet -> valueSet.remove("url"));
    assertLoadFails("valuesets/followup-asthma.json", "no url");
  }

  @Test
  void actionWithoutTimingDuration_stopsTheLoad() throws IOException {
    edit("items/forearm-fracture.json", plan -> ((ObjectNode) plan.withArray("action").get(1)).remove("timingDuration"));
    assertLoadFails("items/forearm-fracture.json", "action[1] (day-7)", "no timingDuration");
  }

  @Test
  void actionWithoutDescription_stopsTheLoad() throws IOException {
    edit("items/forearm-fracture.json", plan -> ((ObjectNode) plan.withArray("action").get(1)).remove("description"));
    assertLoadFails("items/forearm-fracture.json", "action[1] (day-7)", "no description");
  }

  @Test
  void matchesExtensionNamingAValueSetNotInTheLibrary_stopsTheLoad() throws IOException {
    edit("items/appendectomy.json", plan -> ((ObjectNode) plan.withArray("extension").get(0))
        .put("valueCanonical", valueSet("appendicitis")));
    assertLoadFails("items/appendectomy.json", valueSet("appendicitis"), "not in the library");
  }

  @Test
  void itemMatchingNoValueSet_stopsTheLoad() throws IOException {
    edit("items/appendectomy.json", plan -> plan.remove("extension"));
    assertLoadFails("items/appendectomy.json", "would match no visit");
  }

  @Test
  void valueSetWithAFilterInsteadOfExplicitCodes_stopsTheLoad() throws IOException {
    edit("valuesets/followup-asthma.json", valueSet -> {
      ObjectNode include = (ObjectNode) valueSet.with("compose").withArray("include").get(0);
      include.remove("concept");
      include.putArray("filter").addObject().put("property", "concept").put("op", "is-a").put("value", "195967001");
    });
    assertLoadFails("valuesets/followup-asthma.json", "http://snomed.info/sct", "explicit codes", "without filter");
  }

  @Test
  void missingSensitiveConditionsValueSet_stopsTheLoad() throws IOException {
    Files.delete(library.resolve("valuesets/sensitive-conditions.json"));
    assertLoadFails("valuesets", ContentLibrary.SENSITIVE_CONDITIONS);
  }

  @Test
  void unknownPlaceholder_stopsTheLoad() throws IOException {
    edit("items/appendectomy.json", plan -> ((ObjectNode) plan.withArray("action").get(0))
        .put("description", "Hello {{name}}, your {{diagnosis}} is healing. {{link}}"));
    assertLoadFails("items/appendectomy.json", "action[0] (day-2)", "{{diagnosis}}", "only {{name}}, {{link}} and {{contact}}");
  }

  @Test
  void unknownPlaceholderInATranslation_stopsTheLoad() throws IOException {
    edit("items/emergency-visit.json", plan -> ((ObjectNode) translation(plan, 0, 0).withArray("extension").get(1))
        .put("valueString", "Bonjour {{ nom }}"));
    assertLoadFails("items/emergency-visit.json", "translation fr", "{{ nom }}");
  }

  @Test
  void unclosedPlaceholder_stopsTheLoad() throws IOException {
    edit("items/appendectomy.json", plan -> ((ObjectNode) plan.withArray("action").get(0))
        .put("description", "Hello {{name}}, rest and keep the wound dry. {{link}"));
    assertLoadFails("items/appendectomy.json", "action[0] (day-2)", "unclosed placeholder");
  }

  @Test
  void itemMatchingTheSensitiveConditionsValueSet_stopsTheLoad() throws IOException {
    edit("items/appendectomy.json", plan -> ((ObjectNode) plan.withArray("extension").get(0))
        .put("valueCanonical", ContentLibrary.SENSITIVE_CONDITIONS));
    assertLoadFails("items/appendectomy.json", "sensitive-conditions");
  }

  @Test
  void actionsNotInDueOrder_stopTheLoad() throws IOException {
    edit("items/forearm-fracture.json", plan -> ((ObjectNode) plan.withArray("action").get(1))
        .with("timingDuration").put("value", 2));
    assertLoadFails("items/forearm-fracture.json", "action[1] (day-7)", "not due after day-2");
  }

  @Test
  void twoActionsWithTheSameId_stopTheLoad() throws IOException {
    edit("items/forearm-fracture.json", plan -> ((ObjectNode) plan.withArray("action").get(1)).put("id", "day-2"));
    assertLoadFails("items/forearm-fracture.json", "two actions have the id day-2");
  }

  @Test
  void timingDurationInAnUnknownUnit_stopsTheLoad() throws IOException {
    edit("items/appendectomy.json", plan -> ((ObjectNode) plan.withArray("action").get(0))
        .with("timingDuration").put("code", "mo"));
    assertLoadFails("items/appendectomy.json", "timingDuration code 'mo'");
  }

  @Test
  void translationWithoutLang_stopsTheLoad() throws IOException {
    edit("items/emergency-visit.json", plan -> translation(plan, 0, 0).withArray("extension").remove(0));
    assertLoadFails("items/emergency-visit.json", "action[0] (evening)", "translation without lang or content");
  }

  @Test
  void translationWithoutContent_stopsTheLoad() throws IOException {
    edit("items/emergency-visit.json", plan -> translation(plan, 0, 0).withArray("extension").remove(1));
    assertLoadFails("items/emergency-visit.json", "action[0] (evening)", "translation without lang or content");
  }

  @Test
  void misspeltElement_stopsTheLoad_insteadOfDroppingIt() throws IOException {
    edit("items/appendectomy.json", plan -> {
      ObjectNode action = (ObjectNode) plan.withArray("action").get(0);
      action.set("timingDuraton", action.remove("timingDuration"));
    });
    assertLoadFails("items/appendectomy.json", "timingDuraton");
  }

  @Test
  void itemWithoutNextReviewDate_stopsTheLoad() throws IOException {
    edit("items/appendectomy.json", plan -> plan.with("effectivePeriod").remove("end"));
    assertLoadFails("items/appendectomy.json", "effectivePeriod.end", "clinical review");
  }

  @Test
  void missingItemsFolder_stopsTheLoad_namingIt() throws IOException {
    assertThatThrownBy(() -> TestLibraries.load(library.resolve("nowhere")))
        .isInstanceOf(ContentLibraryException.class).hasMessageContaining("nowhere/items").hasMessageContaining("folder missing");
  }

  private static ObjectNode translation(ObjectNode plan, int action, int index) {
    return (ObjectNode) ((ObjectNode) plan.withArray("action").get(action)).with("_description").withArray("extension").get(index);
  }

  private void edit(String file, Consumer<ObjectNode> change) throws IOException {
    Path path = library.resolve(file);
    ObjectNode json = (ObjectNode) JSON.readTree(path.toFile());
    change.accept(json);
    JSON.writeValue(path.toFile(), json);
  }

  private void assertLoadFails(String file, String... expected) {
    AbstractThrowableAssert<?, ?> failure = assertThatThrownBy(() -> TestLibraries.load(library))
        .isInstanceOf(ContentLibraryException.class)
        .hasMessageContaining(library.resolve(file).toString());
    for (String text : expected) {
      failure.hasMessageContaining(text);
    }
  }
}
