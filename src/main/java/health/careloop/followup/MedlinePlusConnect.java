package health.careloop.followup;

import health.careloop.CareLoopFhir;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Links to MedlinePlus Connect (the U.S. National Library of Medicine's service that matches a
 * diagnosis code to its patient pages) for a coded diagnosis that no item of the content library
 * covers. Off by default ({@code careloop.followup.medlineplus-connect.enabled}). Pure: the link is
 * built from the code, nothing is fetched, at planning nor at send time.
 *
 * <p>The link is MedlinePlus Connect's web application, whose request follows the HL7 Infobutton
 * URL-based implementation guide: {@code https://connect.medlineplus.gov/application} with
 * {@code mainSearchCriteria.v.cs} (the code system's OID: ICD-10-CM 2.16.840.1.113883.6.90, SNOMED CT
 * 2.16.840.1.113883.6.96), {@code mainSearchCriteria.v.c} (the code) and
 * {@code informationRecipient.languageCode.c} ({@code en} or {@code es}). Only these two systems:
 * MedlinePlus Connect reads ICD-10-CM, not the WHO's ICD-10, whose codes differ below the category.
 *
 * <p>MedlinePlus has pages in English and Spanish only: a patient who reads Spanish gets the Spanish
 * text and page; every other language gets English (a link to a page in a language the patient does
 * not read would be no help either, and English is what every follow-up falls back to).
 *
 * <p>Each link is one follow-up "item" of its own, made here rather than read from the library, so
 * that it is planned, merged, re-checked at send time and revoked exactly as library content is: the
 * sensitive-conditions ValueSet, a deceased patient, a visit re-opened or entered in error, a
 * diagnosis refuted or entered in error all keep it out as they keep out library items. It is not
 * clinically reviewed content in the library's sense (CareLoop does not know what the page says):
 * switching it on is the deployer's clinical decision, to be recorded in the hazard log.
 *
 * @param offset how long after the visit's end the link is due
 * @param templates the message's text by language ({@code en}, {@code es}), with {@code {{link}}}
 *     (and optionally {@code {{name}}}, {@code {{contact}}})
 */
public record MedlinePlusConnect(Duration offset, Map<String, String> templates) {

  public static final String ICD_10_CM = "http://hl7.org/fhir/sid/icd-10-cm";
  public static final String SNOMED_CT = "http://snomed.info/sct";
  static final String BASE = "https://connect.medlineplus.gov/application";
  static final Map<String, String> OIDS = Map.of(ICD_10_CM, "2.16.840.1.113883.6.90", SNOMED_CT, "2.16.840.1.113883.6.96");
  /** The languages MedlinePlus Connect answers in. */
  public static final List<String> LANGUAGES = List.of("en", "es");
  /** The items' canonical URLs start so: {@code <prefix><oid>/<code>}. */
  static final String ITEM_PREFIX = CareLoopFhir.BASE + "/medlineplus-connect/";
  static final String MESSAGE_ID = "medlineplus";

  public MedlinePlusConnect {
    Objects.requireNonNull(offset, "offset");
    templates = Map.copyOf(templates);
    for (String language : LANGUAGES) {
      if (!templates.containsKey(language) || !templates.get(language).contains("{{link}}")) {
        throw new IllegalArgumentException("the MedlinePlus Connect text in '" + language + "' is missing or has no {{link}}");
      }
    }
  }

  /** Whether MedlinePlus Connect reads codes of this system. */
  public static boolean reads(String system) {
    return OIDS.containsKey(system);
  }

  /** The link for a code in {@code language} (Spanish for {@code es}, {@code es-MX}, …; English otherwise). */
  public static String link(VisitCodes.Code code, String language) {
    String oid = OIDS.get(code.system());
    if (oid == null) {
      throw new IllegalArgumentException("MedlinePlus Connect does not read codes of " + code.system());
    }
    return BASE + "?mainSearchCriteria.v.cs=" + oid + "&mainSearchCriteria.v.c=" + encode(code.code())
        + "&informationRecipient.languageCode.c=" + pageLanguage(language);
  }

  /** {@code es} for Spanish, {@code en} for every other language. */
  public static String pageLanguage(String language) {
    String base = language == null ? "" : Locale.forLanguageTag(language.toLowerCase(Locale.ROOT)).getLanguage();
    return "es".equals(base) ? "es" : "en";
  }

  /** The follow-up item for a diagnosis code (of a system MedlinePlus Connect reads). */
  public ContentItem item(VisitCodes.Code code) {
    Map<String, String> texts = Map.of(
        "en", templates.get("en").replace("{{link}}", link(code, "en")),
        "es", templates.get("es").replace("{{link}}", link(code, "es")));
    // Always "current": there is no review to lapse. Whether it may be sent at all is the switch.
    return new ContentItem(ITEM_PREFIX + OIDS.get(code.system()) + "/" + encode(code.code()), "1",
        "MedlinePlus Connect: " + code, "active", LocalDate.MIN, null, LocalDate.MAX, null,
        new ContentItem.PatientPage(link(code, "en"), "MedlinePlus"), List.of(),
        List.of(new ContentMessage(MESSAGE_ID, offset, texts)));
  }

  /** The item a planned reference names, when it names one of these links. */
  public Optional<ContentItem> itemOf(String itemUrl) {
    return codeOf(itemUrl).map(this::item);
  }

  /** Whether an item URL is one of these links' (whether they are switched on or not). */
  public static boolean isItemUrl(String itemUrl) {
    return itemUrl.startsWith(ITEM_PREFIX);
  }

  /** The patient page of one of these items in the language its text was written in. */
  public static ContentItem.PatientPage page(ContentItem item, String language) {
    return codeOf(item.url()).map(code -> new ContentItem.PatientPage(link(code, language), "MedlinePlus"))
        .orElse(item.patientPage());
  }

  private static Optional<VisitCodes.Code> codeOf(String itemUrl) {
    if (!isItemUrl(itemUrl)) {
      return Optional.empty();
    }
    String rest = itemUrl.substring(ITEM_PREFIX.length());
    int slash = rest.indexOf('/');
    if (slash <= 0 || slash == rest.length() - 1) {
      return Optional.empty();
    }
    String oid = rest.substring(0, slash);
    return OIDS.entrySet().stream().filter(e -> e.getValue().equals(oid)).findFirst()
        .map(e -> new VisitCodes.Code(e.getKey(), java.net.URLDecoder.decode(rest.substring(slash + 1), StandardCharsets.UTF_8)));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
