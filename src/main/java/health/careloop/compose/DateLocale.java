package health.careloop.compose;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The locale dates and times are written in: the template's language, in the recipient's region
 * when their language tag names one ({@code en-GB}: "Thursday, 10 December 2026", not the US
 * "Thursday, December 10, 2026"), else in the region configured for the language
 * ({@code careloop.compose.date-locales}, e.g. {@code en: en-GB} for a British hospital). Pure.
 */
final class DateLocale {

  private DateLocale() {}

  /**
   * @param language the template's language (a primary language such as {@code en}, or a tag)
   * @param recipientLanguages the recipient's BCP 47 tags, preferred first
   * @param defaults per language, the locale to use when the recipient's tag names no region
   */
  static Locale of(String language, List<String> recipientLanguages, Map<String, String> defaults) {
    Locale template = Locale.forLanguageTag(language);
    for (String tag : recipientLanguages) {
      Locale wanted = Locale.forLanguageTag(tag);
      if (wanted.getLanguage().equals(template.getLanguage()) && !wanted.getCountry().isEmpty()) {
        return wanted;
      }
    }
    String configured = defaults.get(template.getLanguage());
    return configured != null ? Locale.forLanguageTag(configured) : template;
  }
}
