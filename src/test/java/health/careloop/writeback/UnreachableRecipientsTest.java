package health.careloop.writeback;

import static health.careloop.writeback.UnreachableRecipients.Decision.HAND_TO_STAFF;
import static health.careloop.writeback.UnreachableRecipients.Decision.SKIP;
import static health.careloop.writeback.UnreachableRecipients.Decision.WRITE_COMMUNICATION;
import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.rules.ContactPoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnreachableRecipientsTest {

  private static final Instant NOW = Instant.parse("2026-12-08T09:30:00Z");
  private static final List<ContactPoint> NONE = List.of();
  private static final List<ContactPoint> SMS = List.of(new ContactPoint("sms", false, 1, null));

  @Test
  void withThePortal_theCommunicationIsWritten_evenWithoutTelecom() {
    assertThat(UnreachableRecipients.decide(true, true, NONE, NOW)).isEqualTo(WRITE_COMMUNICATION);
    assertThat(UnreachableRecipients.decide(true, false, NONE, NOW)).isEqualTo(WRITE_COMMUNICATION);
  }

  @Test
  void withoutThePortal_butWithAUsableTelecom_theCommunicationIsWritten() {
    assertThat(UnreachableRecipients.decide(false, true, SMS, NOW)).isEqualTo(WRITE_COMMUNICATION);
    assertThat(UnreachableRecipients.decide(false, true, List.of(new ContactPoint("email", false, null, null)), NOW))
        .isEqualTo(WRITE_COMMUNICATION);
  }

  @Test
  void withoutThePortal_orAnyUsableTelecom_staffGetATask() {
    assertThat(UnreachableRecipients.decide(false, true, NONE, NOW)).isEqualTo(HAND_TO_STAFF);
  }

  @Test
  void anEndedNumberOrAFax_isNoWayToReachSomeone() {
    List<ContactPoint> unusable = List.of(
        new ContactPoint("sms", false, 1, NOW.minusSeconds(60)),
        new ContactPoint("fax", false, 2, null));

    assertThat(UnreachableRecipients.decide(false, true, unusable, NOW)).isEqualTo(HAND_TO_STAFF);
  }

  @Test
  void withStaffTasksOff_theMessageIsSkipped_withAReason() {
    assertThat(UnreachableRecipients.decide(false, false, NONE, NOW)).isEqualTo(SKIP);
    assertThat(UnreachableRecipients.NO_WAY_TO_REACH).isEqualTo("no usable telecom and no patient portal");
  }
}
