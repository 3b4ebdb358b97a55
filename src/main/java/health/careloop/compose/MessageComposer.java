package health.careloop.compose;

import health.careloop.rules.LanguageChoice;
import health.careloop.rules.MessageKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a message: picks the language, formats date and time in the recipient's locale and time
 * zone, and renders the template. Pure: no I/O after the catalog is loaded.
 */
public final class MessageComposer {

  private final TemplateCatalog catalog;
  private final String fallbackLanguage;
  private final Map<String, List<String>> languageFallbacks;
  private final Map<String, String> dateLocales;

  public MessageComposer(TemplateCatalog catalog, String fallbackLanguage) {
    this(catalog, fallbackLanguage, Map.of(), Map.of());
  }

  /**
   * @param languageFallbacks languages to try, per language without templates, before the fallback
   * @param dateLocales per language, the locale dates are written in when the recipient's language
   *     tag names no region (see {@link DateLocale})
   */
  public MessageComposer(TemplateCatalog catalog, String fallbackLanguage, Map<String, List<String>> languageFallbacks,
      Map<String, String> dateLocales) {
    this.catalog = catalog;
    this.fallbackLanguage = fallbackLanguage;
    this.languageFallbacks = Map.copyOf(languageFallbacks);
    this.dateLocales = Map.copyOf(dateLocales);
  }

  /**
   * @param languages the recipient's languages (BCP 47), most preferred first
   */
  public RenderedMessage compose(MessageKind kind, List<String> languages, TemplateValues values) {
    String language = LanguageChoice.choose(languages, catalog.languages(kind), languageFallbacks, fallbackLanguage);
    Locale locale = DateLocale.of(language, languages, dateLocales);
    ZonedDateTime start = values.appointmentStart().atZone(values.timeZone());
    TemplateContext.Builder context = TemplateContext.builder()
        .name(values.recipientName())
        .patientName(values.patientName())
        .forSomeoneElse(values.forSomeoneElse())
        .appointments(values.sameDay().stream().map(visit -> new TemplateContext.Slot(
            TemplateContext.formatTime(visit.start().atZone(values.timeZone()), locale), visit.locationName())).toList())
        .date(TemplateContext.formatDate(start, locale))
        .time(TemplateContext.formatTime(start, locale))
        .location(values.locationName())
        .contact(values.contact())
        .surgeryOver(values.surgeryOver());
    if (values.previousStart() != null) {
      ZonedDateTime previous = values.previousStart().atZone(values.timeZone());
      context.previous(TemplateContext.formatDate(previous, locale), TemplateContext.formatTime(previous, locale));
    }
    return new RenderedMessage(kind, language, render(kind.code(), language, context.build()));
  }

  /** Renders the template of a kind (its code) and language with a context of {@link TemplateContext}. */
  String render(String kindCode, String language, Map<String, Object> context) {
    return catalog.template(kindCode, language).execute(context).strip();
  }

  /** Values every template must render with (used to check templates at start-up): every variable set. */
  static Map<String, Object> sampleContext() {
    return TemplateContext.builder()
        .name("Sam").patientName("Alex").forSomeoneElse(true)
        .date(ZonedDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC).toLocalDate().toString()).time("09:00")
        .location("Clinic")
        .appointments(List.of(new TemplateContext.Slot("09:00", "Clinic"), new TemplateContext.Slot("10:30", "Annex")))
        .previous("1969-12-31", "08:00")
        .contact("0100 000 000")
        .surgeryOver(true)
        .build();
  }

  /**
   * {@link #sampleContext()} and its variations (values empty, flags false), so that a misspelt
   * variable inside a section that the first sample skips is found at start-up too.
   */
  static List<Map<String, Object>> sampleContexts() {
    Map<String, Object> emptyValues = new HashMap<>(sampleContext());
    emptyValues.replaceAll((key, value) -> value instanceof String ? "" : value);
    emptyValues.put(TemplateContext.APPOINTMENTS,
        List.of(Map.of(TemplateContext.TIME, "", TemplateContext.LOCATION, ""), Map.of(TemplateContext.TIME, "", TemplateContext.LOCATION, "")));
    Map<String, Object> flagsOff = new HashMap<>(sampleContext());
    flagsOff.put(TemplateContext.FOR_SOMEONE_ELSE, false);
    flagsOff.put(TemplateContext.SEVERAL, false);
    flagsOff.put(TemplateContext.SURGERY_OVER, false);
    flagsOff.put(TemplateContext.APPOINTMENTS, List.of());
    return List.of(sampleContext(), emptyValues, flagsOff, TemplateContext.builder().build());
  }
}
