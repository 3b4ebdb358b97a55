package health.careloop.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import health.careloop.compose.SmsSegments.Count;
import health.careloop.compose.SmsSegments.Encoding;
import org.junit.jupiter.api.Test;

class SmsSegmentsTest {

  @Test
  void shortAsciiText_isOneGsm7Segment() {
    assertThat(SmsSegments.count("Hello Sam, see you on Monday at 9:30.")).isEqualTo(new Count(Encoding.GSM_7, 37, 1));
  }

  @Test
  void emptyText_stillTakesOneSegment() {
    assertThat(SmsSegments.count("")).isEqualTo(new Count(Encoding.GSM_7, 0, 1));
  }

  @Test
  void gsm7_160SeptetsFitOneSegment_161TakeTwo_306TakeTwo_307TakeThree() {
    assertThat(SmsSegments.count("a".repeat(160))).isEqualTo(new Count(Encoding.GSM_7, 160, 1));
    assertThat(SmsSegments.count("a".repeat(161))).isEqualTo(new Count(Encoding.GSM_7, 161, 2));
    assertThat(SmsSegments.count("a".repeat(306))).isEqualTo(new Count(Encoding.GSM_7, 306, 2));
    assertThat(SmsSegments.count("a".repeat(307))).isEqualTo(new Count(Encoding.GSM_7, 307, 3));
    assertThat(SmsSegments.count("a".repeat(459)).segments()).isEqualTo(3);
    assertThat(SmsSegments.count("a".repeat(460)).segments()).isEqualTo(4);
  }

  @Test
  void extensionCharacters_costTwoSeptets() {
    assertThat(SmsSegments.count("€")).isEqualTo(new Count(Encoding.GSM_7, 2, 1));
    assertThat(SmsSegments.count("^{}\\[~]|€\f")).isEqualTo(new Count(Encoding.GSM_7, 20, 1));
    assertThat(SmsSegments.count("a".repeat(158) + "€")).isEqualTo(new Count(Encoding.GSM_7, 160, 1));
    assertThat(SmsSegments.count("a".repeat(159) + "€")).isEqualTo(new Count(Encoding.GSM_7, 161, 2));
  }

  @Test
  void anEscapePair_isNeverSplitAcrossSegments() {
    // 152 + 2 would straddle the first segment's end: the euro moves to the second segment.
    String text = "a".repeat(152) + "€" + "a".repeat(152);
    assertThat(SmsSegments.count(text)).isEqualTo(new Count(Encoding.GSM_7, 306, 3));
    assertThat(SmsSegments.count("a".repeat(151) + "€" + "a".repeat(153))).isEqualTo(new Count(Encoding.GSM_7, 306, 2));
  }

  @Test
  void gsm7Accents_stayGsm7_butOtherAccentsForceUcs2() {
    // In the basic table: é è ù ì ò à Ä Ö Ñ Ü ä ö ñ ü ß Ç É Å å Æ æ Ø ø, and ¡ ¿ £ ¥ § ¤.
    assertThat(SmsSegments.isGsm7("éèùìòàÄÖÑÜäöñüßÇÉÅåÆæØø¡¿£¥§¤")).isTrue();
    assertThat(SmsSegments.isGsm7("Hallo Jürgen, Ihr Termin am Mittwoch, 16. September 2026 um 09:30 Uhr.")).isTrue();
    assertThat(SmsSegments.isGsm7("¿Puede venir mañana?")).isTrue();
    // Not in it: â ê î ô û ç á í ó ú, curly quotes, guillemets, the en dash, the no-break spaces.
    for (String c : new String[] {"â", "ê", "î", "ô", "û", "ç", "á", "í", "ó", "ú", "’", "“", "«", "»", "–", "\u00A0", "\u202F", "`"}) {
      assertThat(SmsSegments.isGsm7("x" + c)).as("%s (U+%04X)", c, (int) c.charAt(0)).isFalse();
    }
    assertThat(SmsSegments.nonGsm7("mercredi 26 août, l’heure")).isEqualTo("û’");
  }

  @Test
  void ucs2_70UnitsFitOneSegment_71TakeTwo_134TakeTwo_135TakeThree() {
    assertThat(SmsSegments.count("ب".repeat(70))).isEqualTo(new Count(Encoding.UCS_2, 70, 1));
    assertThat(SmsSegments.count("ب".repeat(71))).isEqualTo(new Count(Encoding.UCS_2, 71, 2));
    assertThat(SmsSegments.count("ب".repeat(134))).isEqualTo(new Count(Encoding.UCS_2, 134, 2));
    assertThat(SmsSegments.count("ب".repeat(135))).isEqualTo(new Count(Encoding.UCS_2, 135, 3));
  }

  @Test
  void oneNonGsmCharacter_makesTheWholeTextUcs2() {
    String text = "a".repeat(100) + "û";
    assertThat(SmsSegments.count(text)).isEqualTo(new Count(Encoding.UCS_2, 101, 2));
    assertThat(SmsSegments.count("€" + "ب")).isEqualTo(new Count(Encoding.UCS_2, 2, 1));
  }

  @Test
  void charactersOutsideTheBmp_countTwoUnits_andAreNeverSplit() {
    String emoji = "\uD83D\uDE00"; // one code point, two UTF-16 units
    assertThat(SmsSegments.count(emoji)).isEqualTo(new Count(Encoding.UCS_2, 2, 1));
    assertThat(SmsSegments.count("a".repeat(69) + emoji)).isEqualTo(new Count(Encoding.UCS_2, 71, 2));
    assertThat(SmsSegments.count("a".repeat(66) + emoji + "a".repeat(66))).isEqualTo(new Count(Encoding.UCS_2, 134, 3));
  }

  @Test
  void arabicText_isUcs2_countingUtf16Units() {
    String text = "مرحباً، نذكركم بموعدكم يوم الأربعاء، 16 سبتمبر 2026 الساعة 9:30 ص.";
    Count count = SmsSegments.count(text);
    assertThat(count.encoding()).isEqualTo(Encoding.UCS_2);
    assertThat(count.units()).isEqualTo(text.length());
    assertThat(count.segments()).isEqualTo(1);
  }

  @Test
  void nullText_isRejected() {
    assertThatThrownBy(() -> SmsSegments.count(null)).isInstanceOf(NullPointerException.class);
  }
}
