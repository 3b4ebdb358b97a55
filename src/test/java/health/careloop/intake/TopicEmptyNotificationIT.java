package health.careloop.intake;

import health.careloop.sandbox.SandboxEhr;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Topic-based Subscriptions with {@code empty} payloads on the real sandbox EHR: the notification
 * says only that something on the topic changed, and CareLoop catches up by search at once. The
 * scheduled catch-up is off: only the notification can have made CareLoop search.
 */
class TopicEmptyNotificationIT {

  private static final SandboxEhr ehr = SandboxEhr.sharedWithTopics();
  private static final EhrFixtures fixtures = new EhrFixtures(ehr.client());

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, TopicNotificationIT.topicStyle("empty", false));

  @Test
  void aBooking_notifiedWithoutPayload_isFoundByTheCatchUp_andItsConfirmationIsWritten() {
    TopicNotificationIT.bookAndAwaitTheConfirmation(careLoop, fixtures, "Elma");
  }
}
