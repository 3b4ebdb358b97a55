package health.careloop.followup.internal;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.StrictErrorHandler;
import health.careloop.followup.ContentItem;
import health.careloop.followup.ContentLibrary;
import health.careloop.followup.ContentLibraryException;
import health.careloop.followup.ContentMessage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.CanonicalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.PlanDefinition;
import org.hl7.fhir.r4.model.PlanDefinition.PlanDefinitionActionComponent;
import org.hl7.fhir.r4.model.RelatedArtifact;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.ValueSet;

/**
 * Reads and checks the content library ({@code items/*.json}, {@code valuesets/*.json}). Everything
 * wrong stops the load with a message naming the file: content that loads is content CareLoop can send
 * as written.
 */
public final class ContentLoader {

  public static final String MATCHES_EXTENSION = "https://careloop.health/fhir/StructureDefinition/followup-matches";
  public static final String TRANSLATION_EXTENSION = "http://hl7.org/fhir/StructureDefinition/translation";
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\{?\\s*([^}]*?)\\s*}}}?");
  private static final List<String> PLACEHOLDERS = List.of("name", "link", "contact");

  private final FhirContext fhir;

  public ContentLoader(FhirContext fhir) {
    this.fhir = fhir;
  }

  /** The library in {@code dir}, checked. */
  public ContentLibrary load(Path dir) {
    Path itemsDir = dir.resolve("items");
    Path valueSetsDir = dir.resolve("valuesets");
    if (!Files.isDirectory(itemsDir)) {
      throw new ContentLibraryException(itemsDir, "folder missing (careloop.followup.content-dir is " + dir + ")");
    }
    if (!Files.isDirectory(valueSetsDir)) {
      throw new ContentLibraryException(valueSetsDir, "folder missing (careloop.followup.content-dir is " + dir + ")");
    }
    Map<String, ValueSet> valueSets = new LinkedHashMap<>();
    for (Path file : jsonFiles(valueSetsDir)) {
      ValueSet valueSet = valueSet(file);
      if (valueSets.put(valueSet.getUrl(), valueSet) != null) {
        throw new ContentLibraryException(file, "another ValueSet has the same url " + valueSet.getUrl());
      }
    }
    if (!valueSets.containsKey(ContentLibrary.SENSITIVE_CONDITIONS)) {
      throw new ContentLibraryException(valueSetsDir, "no ValueSet with url " + ContentLibrary.SENSITIVE_CONDITIONS
          + " (the sensitive conditions that exclude a visit from all follow-up content)");
    }
    List<ContentItem> items = new ArrayList<>();
    for (Path file : jsonFiles(itemsDir)) {
      ContentItem item = item(file, valueSets);
      if (items.stream().anyMatch(other -> other.url().equals(item.url()))) {
        throw new ContentLibraryException(file, "another item has the same url " + item.url());
      }
      items.add(item);
    }
    return new ContentLibrary(items, new HapiValueSetMembership(fhir, List.copyOf(valueSets.values())));
  }

  private static List<Path> jsonFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new ContentLibraryException(dir, "cannot be read: " + e.getMessage(), e);
    }
  }

  private IBaseResource parse(Path file) {
    String json;
    try {
      json = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ContentLibraryException(file, "cannot be read: " + e.getMessage(), e);
    }
    // Strict: a misspelt element (e.g. "timingDuraton") is an error, not silently dropped content.
    IParser parser = fhir.newJsonParser().setParserErrorHandler(new StrictErrorHandler());
    try {
      return parser.parseResource(json);
    } catch (DataFormatException | ClassCastException | IllegalArgumentException e) {
      throw new ContentLibraryException(file, "not a valid FHIR R4 JSON resource: " + e.getMessage(), e);
    }
  }

  private ValueSet valueSet(Path file) {
    IBaseResource resource = parse(file);
    if (!(resource instanceof ValueSet valueSet)) {
      throw new ContentLibraryException(file, "resourceType is " + fhir.getResourceType(resource)
          + ", a file in valuesets/ must be a ValueSet");
    }
    if (!valueSet.hasUrl()) {
      throw new ContentLibraryException(file, "ValueSet has no url");
    }
    if (!valueSet.getCompose().hasInclude()) {
      throw new ContentLibraryException(file, "ValueSet has no compose.include");
    }
    for (ValueSet.ConceptSetComponent include : valueSet.getCompose().getInclude()) {
      if (include.hasFilter() || include.hasValueSet() || !include.hasSystem() || !include.hasConcept()) {
        throw new ContentLibraryException(file, "compose.include" + (include.hasSystem() ? " of " + include.getSystem() : "")
            + " must list explicit codes (a system and concept[]), without filter or valueSet: CareLoop has"
            + " no terminology server to expand them");
      }
    }
    if (valueSet.getCompose().hasExclude()) {
      throw new ContentLibraryException(file, "compose.exclude is not supported: list the codes that are included");
    }
    return valueSet;
  }

  private ContentItem item(Path file, Map<String, ValueSet> valueSets) {
    IBaseResource resource = parse(file);
    if (!(resource instanceof PlanDefinition plan)) {
      throw new ContentLibraryException(file, "resourceType is " + fhir.getResourceType(resource)
          + ", a file in items/ must be a PlanDefinition");
    }
    if (!plan.hasUrl()) {
      throw new ContentLibraryException(file, "PlanDefinition has no url");
    }
    if (!plan.hasStatus()) {
      throw new ContentLibraryException(file, "PlanDefinition has no status");
    }
    List<String> matches = new ArrayList<>();
    for (Extension extension : plan.getExtensionsByUrl(MATCHES_EXTENSION)) {
      if (!(extension.getValue() instanceof CanonicalType canonical) || !canonical.hasValue()) {
        throw new ContentLibraryException(file, "extension " + MATCHES_EXTENSION + " needs a valueCanonical");
      }
      if (!valueSets.containsKey(canonical.getValue())) {
        throw new ContentLibraryException(file, "matches ValueSet " + canonical.getValue()
            + ", which is not in the library's valuesets/");
      }
      if (ContentLibrary.SENSITIVE_CONDITIONS.equals(canonical.getValue())) {
        throw new ContentLibraryException(file, "matches the sensitive-conditions ValueSet, which excludes visits");
      }
      matches.add(canonical.getValue());
    }
    if (matches.isEmpty()) {
      throw new ContentLibraryException(file, "no extension " + MATCHES_EXTENSION + ": the item would match no visit");
    }
    LocalDate approval = required(file, plan.getApprovalDateElement(), "approvalDate");
    LocalDate lastReview = plan.hasLastReviewDate() ? date(plan.getLastReviewDateElement()) : null;
    LocalDate nextReview = required(file, plan.getEffectivePeriod().getEndElement(), "effectivePeriod.end (the next review date)");
    if (!plan.hasReviewer() || !plan.getReviewerFirstRep().hasName()) {
      throw new ContentLibraryException(file, "no reviewer[0].name (the reviewing clinician's role)");
    }
    RelatedArtifact page = plan.getRelatedArtifact().stream()
        .filter(a -> a.getType() == RelatedArtifact.RelatedArtifactType.DOCUMENTATION && a.hasUrl())
        .findFirst()
        .orElseThrow(() -> new ContentLibraryException(file, "no relatedArtifact of type documentation with a url"
            + " (the patient information page)"));
    if (!page.getUrl().startsWith("https://")) {
      throw new ContentLibraryException(file, "patient information page " + page.getUrl() + " is not https");
    }
    if (!plan.hasAction()) {
      throw new ContentLibraryException(file, "no action (message)");
    }
    List<ContentMessage> messages = new ArrayList<>();
    for (int i = 0; i < plan.getAction().size(); i++) {
      ContentMessage message = message(file, i, plan.getAction().get(i));
      if (!messages.isEmpty()) {
        ContentMessage previous = messages.get(messages.size() - 1);
        if (messages.stream().anyMatch(m -> m.id().equals(message.id()))) {
          throw new ContentLibraryException(file, "two actions have the id " + message.id());
        }
        // In due order, one message per due time: two at the same offset would reach the patient
        // together, and a reordered list is more likely a mistake than a plan.
        if (message.offset().compareTo(previous.offset()) <= 0) {
          throw new ContentLibraryException(file, "action[" + i + "] (" + message.id() + ") is not due after "
              + previous.id() + ": actions must be in due order, one per timingDuration");
        }
      }
      messages.add(message);
    }
    return new ContentItem(plan.getUrl(), plan.getVersion(), plan.getTitle(), plan.getStatus().toCode(), approval,
        lastReview, nextReview, plan.getReviewerFirstRep().getName(),
        new ContentItem.PatientPage(page.getUrl(), page.getDisplay()), matches, messages);
  }

  private static ContentMessage message(Path file, int index, PlanDefinitionActionComponent action) {
    String where = "action[" + index + "]" + (action.hasId() ? " (" + action.getId() + ")" : "");
    if (!action.hasId()) {
      throw new ContentLibraryException(file, where + " has no id");
    }
    if (!action.hasTimingDuration()) {
      throw new ContentLibraryException(file, where + " has no timingDuration (when it is due after the visit)");
    }
    if (!action.hasDescription()) {
      throw new ContentLibraryException(file, where + " has no description (the English text)");
    }
    Duration offset = offset(file, where, action.getTimingDuration());
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put(ContentMessage.FALLBACK_LANGUAGE, text(file, where + " description", action.getDescription()));
    StringType description = action.getDescriptionElement();
    for (Extension translation : description.getExtensionsByUrl(TRANSLATION_EXTENSION)) {
      Extension lang = translation.getExtensionByUrl("lang");
      Extension content = translation.getExtensionByUrl("content");
      if (lang == null || !lang.hasValue() || content == null || !content.hasValue()) {
        throw new ContentLibraryException(file, where + " has a translation without lang or content");
      }
      String tag = lang.getValue().primitiveValue().toLowerCase(Locale.ROOT);
      String text = text(file, where + " translation " + tag, content.getValue().primitiveValue());
      if (texts.put(tag, text) != null) {
        throw new ContentLibraryException(file, where + " has two texts in " + tag);
      }
    }
    return new ContentMessage(action.getId(), offset, texts);
  }

  private static Duration offset(Path file, String where, org.hl7.fhir.r4.model.Duration duration) {
    if (!duration.hasValue() || duration.getValue().signum() <= 0 || duration.getValue().stripTrailingZeros().scale() > 0
        || duration.hasComparator()) {
      throw new ContentLibraryException(file, where + " timingDuration needs a positive whole value");
    }
    long value = duration.getValue().longValueExact();
    String code = duration.hasCode() ? duration.getCode() : "";
    return switch (code) {
      case "min" -> Duration.ofMinutes(value);
      case "h" -> Duration.ofHours(value);
      case "d" -> Duration.ofDays(value);
      case "wk" -> Duration.ofDays(7 * value);
      default -> throw new ContentLibraryException(file, where + " timingDuration code '" + code
          + "' is not one of min, h, d, wk (UCUM)");
    };
  }

  /** The text, checked: only the placeholders CareLoop fills in. */
  private static String text(Path file, String where, String text) {
    if (text == null || text.isBlank()) {
      throw new ContentLibraryException(file, where + " is empty");
    }
    Matcher matcher = PLACEHOLDER.matcher(text);
    while (matcher.find()) {
      if (!PLACEHOLDERS.contains(matcher.group(1)) || matcher.group().startsWith("{{{")) {
        throw new ContentLibraryException(file, where + " uses the placeholder " + matcher.group()
            + "; only {{name}}, {{link}} and {{contact}} are filled in");
      }
    }
    // A brace pair left over is a broken placeholder ("{{link}", "{{name") the patient would see.
    String rest = PLACEHOLDER.matcher(text).replaceAll("");
    if (rest.contains("{{") || rest.contains("}}")) {
      throw new ContentLibraryException(file, where + " has an unclosed placeholder ({{ or }} left over)");
    }
    return text;
  }

  private static LocalDate required(Path file, BaseDateTimeType date, String element) {
    if (date == null || !date.hasValue()) {
      throw new ContentLibraryException(file, "no " + element + ": clinical review is a safety control");
    }
    if (date.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
      throw new ContentLibraryException(file, element + " " + date.getValueAsString() + " is not a full date");
    }
    return date(date);
  }

  /** The calendar date as written in the file (not shifted through the JVM's time zone). */
  private static LocalDate date(BaseDateTimeType date) {
    return LocalDate.of(date.getYear(), date.getMonth() + 1, date.getDay());
  }
}
