package health.careloop.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How messages are written.
 *
 * @param templatesDir folder with one sub-folder per message kind and one {@code <language>.mustache}
 *     file per language in it
 * @param fallbackLanguage the language used when none of the recipient's is available; every kind
 *     must have a template in it
 * @param defaultTimeZone used when neither the Patient nor the Location says its time zone
 * @param languageFallbacks for a language without templates, the languages to try next before the
 *     fallback language, e.g. {@code ca: [es]}
 * @param dateLocales per language, the locale dates and times are written in when the recipient's
 *     language tag names no region, e.g. {@code en: en-GB} (else {@code en} writes US dates)
 * @param clinicContact how patients reach the clinic to cancel or rebook, when neither the
 *     appointment's Location nor its Organization has a phone number in the EHR
 */
@Validated
@ConfigurationProperties("careloop.compose")
public record ComposeProperties(
    @DefaultValue("config/templates") @NotNull Path templatesDir,
    @DefaultValue("en") @NotBlank String fallbackLanguage,
    @DefaultValue("UTC") @NotNull ZoneId defaultTimeZone,
    @DefaultValue({}) Map<String, List<String>> languageFallbacks,
    String clinicContact,
    @DefaultValue({}) Map<String, String> dateLocales) {

  public ComposeProperties {
    dateLocales.forEach((language, tag) -> {
      Locale locale;
      try {
        locale = new Locale.Builder().setLanguageTag(tag).build();
      } catch (IllformedLocaleException e) {
        throw new IllegalArgumentException(
            "careloop.compose.date-locales." + language + ": '" + tag + "' is not a BCP 47 language tag", e);
      }
      if (!locale.getLanguage().equals(Locale.forLanguageTag(language).getLanguage())) {
        throw new IllegalArgumentException("careloop.compose.date-locales." + language + ": '" + tag
            + "' is not a variety of '" + language + "' (e.g. en: en-GB)");
      }
    });
  }

  /** The fallback chains with lower-case keys, as {@link health.careloop.rules.LanguageChoice} reads them. */
  public Map<String, List<String>> normalisedLanguageFallbacks() {
    Map<String, List<String>> chains = new HashMap<>();
    languageFallbacks.forEach((language, next) -> chains.put(language.toLowerCase(Locale.ROOT), List.copyOf(next)));
    return chains;
  }
}
