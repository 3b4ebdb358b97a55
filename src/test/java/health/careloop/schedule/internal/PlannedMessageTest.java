package health.careloop.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.rules.MessageKind;
import health.careloop.schedule.MessageDraft;
import health.careloop.schedule.PlannedMessageStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PlannedMessageTest {

  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");
  private static final String LONG_REASON = "the patient is not reachable; ".repeat(30);

  @Test
  void aReasonLongerThanItsColumn_isCutToFit_whateverClosesTheMessage() {
    PlannedMessage skipped = pending();
    skipped.close(PlannedMessageStatus.SKIPPED, LONG_REASON, NOW);
    PlannedMessage parked = pending();
    parked.park(LONG_REASON, NOW);
    PlannedMessage deferred = pending();
    deferred.deferTo(NOW.plusSeconds(3600), LONG_REASON, NOW);

    assertThat(LONG_REASON.length()).isGreaterThan(PlannedMessage.STATUS_REASON_LENGTH);
    assertThat(skipped.statusReason()).hasSize(PlannedMessage.STATUS_REASON_LENGTH).startsWith("the patient");
    assertThat(parked.statusReason()).hasSize(PlannedMessage.STATUS_REASON_LENGTH);
    assertThat(deferred.statusReason()).hasSize(PlannedMessage.STATUS_REASON_LENGTH).startsWith("deferred from");

    parked.revokeParked(LONG_REASON, NOW);
    assertThat(parked.statusReason()).hasSize(PlannedMessage.STATUS_REASON_LENGTH);
  }

  @Test
  void aShortReason_isKeptWhole() {
    PlannedMessage skipped = pending();
    skipped.close(PlannedMessageStatus.SKIPPED, "opted out", NOW);
    assertThat(skipped.statusReason()).isEqualTo("opted out");
  }

  private static PlannedMessage pending() {
    return PlannedMessage.pending(new MessageDraft("reminder:a1:p1:P2D", MessageKind.APPOINTMENT_REMINDER, "a1", "p1",
        NOW.plusSeconds(86_400 * 3), NOW, null, false, null, null, null), NOW);
  }
}
