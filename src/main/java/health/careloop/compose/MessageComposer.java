package health.careloop.compose;

import health.careloop.rules.LanguageChoice;
import health.careloop.rules.MessageKind;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
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

  public MessageComposer(TemplateCatalog catalog, String fallbackLanguage) {
    this.catalog = catalog;
    this.fallbackLanguage = fallbackLanguage;
  }

  /**
   * @param languages the recipient's languages (BCP 47), most preferred first
   */
  public RenderedMessage compose(MessageKind kind, List<String> languages, TemplateValues values) {
    String language = LanguageChoice.choose(languages, catalog.languages(kind), fallbackLanguage);
    Locale locale = Locale.forLanguageTag(language);
    ZonedDateTime start = values.appointmentStart().atZone(values.timeZone());
    Map<String, Object> context = new HashMap<>();
    context.put("name", orEmpty(values.recipientName()));
    context.put("date", DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(start));
    context.put("time", DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(start));
    context.put("location", orEmpty(values.locationName()));
    // Guardians and same-day grouping come later: for now the recipient is the patient, one appointment.
    context.put("patientName", orEmpty(values.recipientName()));
    context.put("forSomeoneElse", false);
    context.put("several", false);
    context.put("appointments", List.of(Map.of("time", context.get("time"), "location", context.get("location"))));
    context.put("contact", "");
    if (values.previousStart() != null) {
      ZonedDateTime previous = values.previousStart().atZone(values.timeZone());
      context.put("previousDate", DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale).format(previous));
      context.put("previousTime", DateTimeFormatter.ofLocalizedTime(FormatStyle.SHORT).withLocale(locale).format(previous));
    } else {
      context.put("previousDate", "");
      context.put("previousTime", "");
    }
    String text = catalog.template(kind, language).execute(context).strip();
    return new RenderedMessage(kind, language, text);
  }

  private static String orEmpty(String value) {
    return value == null ? "" : value;
  }

  /** Values every template must render with (used to check templates at start-up). */
  static Map<String, Object> sampleContext() {
    Map<String, Object> sample = new HashMap<>();
    sample.put("name", "Sam");
    sample.put("date", ZonedDateTime.ofInstant(Instant.EPOCH, ZoneOffset.UTC).toLocalDate().toString());
    sample.put("time", "09:00");
    sample.put("location", "Clinic");
    sample.put("patientName", "Sam");
    sample.put("forSomeoneElse", false);
    sample.put("several", false);
    sample.put("appointments", List.of(Map.of("time", "09:00", "location", "Clinic")));
    sample.put("previousDate", "1970-01-02");
    sample.put("previousTime", "10:00");
    sample.put("contact", "+44 20 7946 0000");
    return sample;
  }
}
