package health.careloop.compose;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The text of a message made of content items (a follow-up after a visit), written from the content
 * library as it is at send time. Implemented by the feature that owns the library; write-back only
 * knows this door.
 */
public interface ContentTexts {

  /**
   * @param content the message's content items, as planned
   * @param languages the recipient's languages, most preferred first
   * @param values what the texts' placeholders are filled with
   * @param today the recipient's date: an item whose clinical review has lapsed since it was planned
   *     is left out
   * @return the text, or empty when none of its items may be sent any more
   */
  Optional<ContentText> compose(List<String> content, List<String> languages, ContentValues values, LocalDate today);

  /**
   * Why a message made of content, due at {@code dueAt}, would go out too late at {@code at} (advice
   * for the first evening after a visit is wrong days later, after an outage or a long deferral);
   * empty if it may still go.
   */
  Optional<String> whyTooLate(Instant dueAt, Instant at);

  /**
   * What the placeholders of a content text are filled with.
   *
   * @param recipientName the recipient's given name, null if unknown
   * @param contact the clinic's phone, null if unknown
   */
  record ContentValues(String recipientName, String contact) {}

  /**
   * A composed message made of content items.
   *
   * @param language the language it is written in (one for the whole message)
   * @param text the text, placeholders filled in
   * @param canonicals the items it was made of, as {@code url|version}
   * @param pages the public patient pages it links to
   * @param draft made of at least one item whose clinical review is not current
   * @param leftOut the planned items left out now, each with why
   */
  record ContentText(String language, String text, List<String> canonicals, List<Page> pages, boolean draft,
      List<String> leftOut) {
    public ContentText {
      canonicals = List.copyOf(canonicals);
      pages = List.copyOf(pages);
      leftOut = List.copyOf(leftOut);
    }
  }

  /** A public page for patients: address and title. */
  record Page(String url, String title) {}
}
