package health.careloop.rules;

import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    return choose(wanted, available, Map.of(), fallback);
  }

  /**
   * As above, and before the fallback, the configured neighbours of each wanted language in order
   * (e.g. {@code ca: [es]}: a Catalan speaker reads Spanish before English).
   *
   * @param chains lower-case BCP 47 tag (or primary language) → languages to try next
   */
  public static String choose(List<String> wanted, Set<String> available, Map<String, List<String>> chains,
      String fallback) {
    for (String tag : wanted) {
      Optional<String> match = match(tag, available);
      if (match.isPresent()) {
        return match.get();
      }
    }
    for (String tag : wanted) {
      for (String next : chain(tag, chains)) {
        Optional<String> match = match(next, available);
        if (match.isPresent()) {
          return match.get();
        }
      }
    }
    return fallback;
  }

  private static List<String> chain(String tag, Map<String, List<String>> chains) {
    if (tag == null || tag.isBlank()) {
      return List.of();
    }
    String normalised = tag.trim().replace('_', '-').toLowerCase(Locale.ROOT);
    List<String> exact = chains.get(normalised);
    return exact != null ? exact
        : chains.getOrDefault(Locale.forLanguageTag(normalised).getLanguage(), List.of());
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
