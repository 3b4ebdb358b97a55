package health.careloop.followup;

/**
 * How a planned follow-up names one message of one content item: {@code <item url>#<message id>}.
 * The version is left out on purpose: a message the patient had under one version of an item is not
 * sent again under the next, and the text sent is the library's at send time.
 */
public record ContentRef(String itemUrl, String messageId) {

  private static final char SEPARATOR = '#';

  public static String of(String itemUrl, String messageId) {
    return itemUrl + SEPARATOR + messageId;
  }

  public static ContentRef parse(String ref) {
    int at = ref.lastIndexOf(SEPARATOR);
    if (at <= 0 || at == ref.length() - 1) {
      throw new IllegalArgumentException("Not a content reference: " + ref);
    }
    return new ContentRef(ref.substring(0, at), ref.substring(at + 1));
  }

  @Override
  public String toString() {
    return of(itemUrl, messageId);
  }
}
