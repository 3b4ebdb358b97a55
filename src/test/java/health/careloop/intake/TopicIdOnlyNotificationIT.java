package health.careloop.intake;

import static org.assertj.core.api.Assertions.assertThat;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Topic-based Subscriptions with {@code id-only} payloads on the real sandbox EHR: the notification
 * names the Appointment, CareLoop reads it from the EHR and goes on as if it had been sent whole.
 * The catch-up is off: what CareLoop knows it learnt from the notifications alone.
 */
class TopicIdOnlyNotificationIT {

  private static final SandboxEhr ehr = SandboxEhr.sharedWithTopics();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, TopicNotificationIT.topicStyle("id-only", false));

  @Test
  void aBooking_notifiedByItsIdOnly_isReadFromTheEhr_andItsConfirmationIsWritten() {
    String id = TopicNotificationIT.bookAndAwaitTheConfirmation(careLoop, fixtures, "Ilse");

    assertThat(careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from inbox_event where resource_id = ? and version_id = '1'", Integer.class, id)).isEqualTo(1);
  }
}
