package health.careloop.followup;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One message of a follow-up item.
 *
 * @param id the action's id within its item (e.g. {@code day-2})
 * @param offset how long after the visit's end it is due
 * @param texts the text by lower-case language tag; always has {@link #FALLBACK_LANGUAGE}; may
 *     contain the placeholders {@code {{name}}}, {@code {{link}}} and {@code {{contact}}}
 */
public record ContentMessage(String id, Duration offset, Map<String, String> texts) {

  /** The language every message has (the PlanDefinition's {@code action.description}). */
  public static final String FALLBACK_LANGUAGE = "en";

  public ContentMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(offset, "offset");
    texts = Map.copyOf(texts);
    if (!texts.containsKey(FALLBACK_LANGUAGE)) {
      throw new IllegalArgumentException("message " + id + " has no English text");
    }
  }

  /** The text in {@code language} if there is one, else in its base language, else in English. */
  public Text text(String language) {
    String tag = language == null ? FALLBACK_LANGUAGE : language.toLowerCase(Locale.ROOT);
    String base = Locale.forLanguageTag(tag).getLanguage();
    return Optional.ofNullable(texts.get(tag)).map(t -> new Text(tag, t))
        .or(() -> Optional.ofNullable(texts.get(base)).map(t -> new Text(base, t)))
        .orElseGet(() -> new Text(FALLBACK_LANGUAGE, texts.get(FALLBACK_LANGUAGE)));
  }

  /** A text and the language it is in. */
  public record Text(String language, String text) {}
}
