package health.careloop.followup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The selected items' messages grouped by due time: a patient with several items gets one message per
 * offset after the visit, listing each item's text, not several messages at once. Pure.
 */
public final class DueMessages {

  private DueMessages() {}

  /**
   * One part of a due message: an item's text.
   *
   * @param itemUrl the item it comes from
   * @param messageId the item's message ({@code action.id})
   * @param language the language the text is in (the recipient's, or English when the item has none in it)
   * @param text the text, placeholders not yet filled in
   */
  public record Part(String itemUrl, String messageId, String language, String text) {

    /** How a planned message names this part: {@code <item url>#<message id>}. */
    public String ref() {
      return ContentRef.of(itemUrl, messageId);
    }
  }

  /** The messages due at one offset after the visit's end, in the order of the selection. */
  public record Due(Duration offset, List<Part> parts) {
    public Due {
      parts = List.copyOf(parts);
    }
  }

  /** The selected items' messages by offset (earliest first), in {@code language} with English as fallback. */
  public static List<Due> group(List<Selection.SelectedItem> items, String language) {
    Map<Duration, List<Part>> byOffset = new TreeMap<>();
    for (Selection.SelectedItem selected : items) {
      for (ContentMessage message : selected.item().messages()) {
        ContentMessage.Text text = message.text(language);
        byOffset.computeIfAbsent(message.offset(), offset -> new ArrayList<>())
            .add(new Part(selected.item().url(), message.id(), text.language(), text.text()));
      }
    }
    List<Due> due = new ArrayList<>();
    byOffset.forEach((offset, parts) -> due.add(new Due(offset, parts)));
    return List.copyOf(due);
  }
}
