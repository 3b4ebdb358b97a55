package health.careloop.rules;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Picks the language a message is written in: the recipient's languages in order of preference,
 * each first as given ({@code fr-CA}) then by its primary language ({@code fr}), else the fallback.
 */
public final class LanguageChoice {

  private LanguageChoice() {}

  /**
   * @param wanted BCP 47 tags, most preferred first (may be empty)
   * @param available lower-case BCP 47 tags that templates exist for
   * @param fallback the language used when none of the wanted ones is available
   */
  public static String choose(List<String> wanted, Set<String> available, String fallback) {
    for (String tag : wanted) {
      Optional<String> match = match(tag, available);
      if (match.isPresent()) {
        return match.get();
      }
    }
    return fallback;
  }

  private static Optional<String> match(String tag, Set<String> available) {
    if (tag == null || tag.isBlank()) {
      return Optional.empty();
    }
    String normalised = tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
    if (available.contains(normalised)) {
      return Optional.of(normalised);
    }
    String primary = Locale.forLanguageTag(normalised).getLanguage();
    return available.contains(primary) ? Optional.of(primary) : Optional.empty();
  }
}
