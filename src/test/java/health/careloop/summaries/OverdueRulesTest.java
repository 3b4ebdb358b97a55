package health.careloop.summaries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OverdueRulesTest {

  private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
  private final OverdueRules rules = new OverdueRules(Duration.ofDays(3), Duration.ofDays(7));

  @Test
  void referral_isOverdue_onlyOnceOlderThanItsLimit() {
    assertThat(rules.referral(NOW.minus(Duration.ofDays(3)).minusSeconds(1), NOW)).isTrue();
    assertThat(rules.referral(NOW.minus(Duration.ofDays(3)), NOW)).isFalse();
    assertThat(rules.referral(NOW.minus(Duration.ofDays(1)), NOW)).isFalse();
  }

  @Test
  void order_isOverdue_afterItsLimit_countedFromWhenItIsToBeDone_whenThatIsLater() {
    Instant tenDaysAgo = NOW.minus(Duration.ofDays(10));
    assertThat(rules.order(tenDaysAgo, null, NOW)).isTrue();
    assertThat(rules.order(NOW.minus(Duration.ofDays(6)), null, NOW)).isFalse();
    // ordered ten days ago for two days ago: not late yet
    assertThat(rules.order(tenDaysAgo, NOW.minus(Duration.ofDays(2)), NOW)).isFalse();
    // ordered ten days ago "for" long before that (back-dated): counted from when it was made
    assertThat(rules.order(tenDaysAgo, NOW.minus(Duration.ofDays(30)), NOW)).isTrue();
    assertThat(rules.order(null, NOW.minus(Duration.ofDays(8)), NOW)).isTrue();
  }

  @Test
  void task_isOverdue_whenItsDueTimeHasPassed() {
    assertThat(rules.task(NOW.minusSeconds(1), NOW)).isTrue();
    assertThat(rules.task(NOW.plusSeconds(1), NOW)).isFalse();
  }

  @Test
  void withoutTheDateItNeeds_nothingIsOverdue() {
    assertThat(rules.referral(null, NOW)).isFalse();
    assertThat(rules.order(null, null, NOW)).isFalse();
    assertThat(rules.task(null, NOW)).isFalse();
  }
}
