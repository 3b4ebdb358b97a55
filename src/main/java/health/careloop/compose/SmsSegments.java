package health.careloop.compose;

import java.util.Objects;

/**
 * How many SMS segments a text takes (3GPP TS 23.038 / 23.040). Pure.
 *
 * <ul>
 *   <li>If every character is in the GSM 7-bit default alphabet or its extension table, the text is
 *       sent as GSM-7: a character of the basic table costs one septet, one of the extension table
 *       ({@code ^ { } \ [ ~ ] | €} and form feed) two (escape + character). One segment holds 160
 *       septets; a concatenated message 153 per segment (the rest is the user-data header).
 *   <li>Otherwise the whole text is sent as UCS-2 (UTF-16): one unit per UTF-16 code unit, so a
 *       character outside the BMP (an emoji) costs two. One segment holds 70 units; a concatenated
 *       message 67 per segment.
 * </ul>
 *
 * <p>In a concatenated message an escape pair and a surrogate pair are never split across two
 * segments (what handsets and gateways do), so a text can take one segment more than a plain
 * division says. An empty text still takes one segment. National language shift tables (Turkish,
 * Portuguese, Indian languages…) are not used: they are rarely supported end to end.
 *
 * <p>Note: the basic table holds {@code Ç} (capital C cedilla, 0x09) but not {@code ç}; many
 * gateways silently send {@code ç} as {@code Ç}, this class counts it as outside GSM-7.
 */
public final class SmsSegments {

  /** The encoding an SMS text is sent in. */
  public enum Encoding { GSM_7, UCS_2 }

  /**
   * @param encoding how the text is sent
   * @param units septets (GSM-7) or UTF-16 code units (UCS-2)
   * @param segments SMS segments the text takes
   */
  public record Count(Encoding encoding, int units, int segments) {}

  public static final int GSM_SINGLE = 160;
  public static final int GSM_MULTI = 153;
  public static final int UCS2_SINGLE = 70;
  public static final int UCS2_MULTI = 67;

  /** The GSM 7-bit default alphabet (basic table), in code order 0x00–0x7F; 0x1B (escape) left out. */
  private static final String BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ" + "ÆæßÉ"
          + " !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
          + "¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** The extension table: each costs the escape septet plus itself. */
  private static final String EXTENSION = "\f^{}\\[~]|€";

  private SmsSegments() {}

  /** Encoding, size and segments of {@code text}. */
  public static Count count(CharSequence text) {
    Objects.requireNonNull(text, "text");
    return isGsm7(text) ? countGsm7(text) : countUcs2(text);
  }

  /** SMS segments {@code text} takes. */
  public static int segments(CharSequence text) {
    return count(text).segments();
  }

  /** Whether every character of {@code text} is in the GSM-7 basic or extension table. */
  public static boolean isGsm7(CharSequence text) {
    return nonGsm7(text).isEmpty();
  }

  /** The distinct characters of {@code text} that force UCS-2, in order of appearance (empty if none). */
  public static String nonGsm7(CharSequence text) {
    StringBuilder found = new StringBuilder();
    text.codePoints().filter(cp -> septets(cp) == 0).distinct().forEach(found::appendCodePoint);
    return found.toString();
  }

  /** Septets a code point costs in GSM-7: 1 (basic), 2 (extension), 0 (not in GSM-7). */
  private static int septets(int codePoint) {
    if (codePoint > 0xFFFF) {
      return 0;
    }
    char c = (char) codePoint;
    if (BASIC.indexOf(c) >= 0) {
      return 1;
    }
    return EXTENSION.indexOf(c) >= 0 ? 2 : 0;
  }

  private static Count countGsm7(CharSequence text) {
    int[] costs = text.codePoints().map(SmsSegments::septets).toArray();
    return pack(Encoding.GSM_7, costs, GSM_SINGLE, GSM_MULTI);
  }

  private static Count countUcs2(CharSequence text) {
    int[] costs = text.codePoints().map(Character::charCount).toArray();
    return pack(Encoding.UCS_2, costs, UCS2_SINGLE, UCS2_MULTI);
  }

  /** Fills segments in order, never splitting one character's units across two segments. */
  private static Count pack(Encoding encoding, int[] costs, int single, int multi) {
    int total = 0;
    for (int cost : costs) {
      total += cost;
    }
    if (total <= single) {
      return new Count(encoding, total, 1);
    }
    int segments = 1;
    int used = 0;
    for (int cost : costs) {
      if (used + cost > multi) {
        segments++;
        used = 0;
      }
      used += cost;
    }
    return new Count(encoding, total, segments);
  }
}
