package health.careloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreferredContactTest {

  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  @Test
  void lowestRank_wins() {
    assertThat(PreferredContact.channel(List.of(
        new ContactPoint("sms", false, 2, null), new ContactPoint("email", false, 1, null)), NOW)).contains("email");
  }

  @Test
  void endedContactPoints_areNotUsed() {
    assertThat(PreferredContact.channel(List.of(
        new ContactPoint("sms", false, 1, NOW.minusSeconds(1)), new ContactPoint("email", false, 2, null)), NOW))
        .contains("email");
  }

  @Test
  void mobilePhone_countsAsSms_andSmsComesFirstWhenRanksTie() {
    assertThat(PreferredContact.channel(List.of(
        new ContactPoint("email", false, null, null), new ContactPoint("phone", true, null, null)), NOW)).contains("sms");
  }

  @Test
  void noUsableTelecom_saysSo() {
    assertThat(PreferredContact.channel(List.of(new ContactPoint("fax", false, 1, null)), NOW)).isEmpty();
    assertThat(PreferredContact.channel(List.of(), NOW)).isEmpty();
  }
}
