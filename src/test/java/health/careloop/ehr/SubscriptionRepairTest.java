package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Subscription;
import org.hl7.fhir.r4.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Subscription.SubscriptionStatus;
import org.junit.jupiter.api.Test;

class SubscriptionRepairTest {

  private final Subscription wanted = subscription(SubscriptionStatus.REQUESTED);

  @Test
  void aLiveSubscriptionDeliveringAsWanted_needsNothing() {
    assertThat(SubscriptionRepair.needed(Optional.of(subscription(SubscriptionStatus.ACTIVE)), wanted))
        .isEqualTo(SubscriptionRepair.NONE);
    assertThat(SubscriptionRepair.needed(Optional.of(subscription(SubscriptionStatus.REQUESTED)), wanted))
        .as("not taken up by the EHR yet").isEqualTo(SubscriptionRepair.NONE);
  }

  @Test
  void aDeletedSubscription_isRecreated() {
    assertThat(SubscriptionRepair.needed(Optional.empty(), wanted)).isEqualTo(SubscriptionRepair.RECREATED);
  }

  @Test
  void aSubscriptionTheEhrStopped_orSomeoneSwitchedOff_isReactivated() {
    assertThat(SubscriptionRepair.needed(Optional.of(subscription(SubscriptionStatus.ERROR)), wanted))
        .isEqualTo(SubscriptionRepair.REACTIVATED);
    assertThat(SubscriptionRepair.needed(Optional.of(subscription(SubscriptionStatus.OFF)), wanted))
        .isEqualTo(SubscriptionRepair.REACTIVATED);
    assertThat(SubscriptionRepair.needed(Optional.of(subscription(null)), wanted))
        .isEqualTo(SubscriptionRepair.REACTIVATED);
  }

  @Test
  void aSubscriptionSomeoneChanged_isCorrected_whateverItsStatus() {
    Subscription elsewhere = subscription(SubscriptionStatus.ACTIVE);
    elsewhere.getChannel().setEndpoint("https://elsewhere.example.org/hook");
    Subscription narrower = subscription(SubscriptionStatus.ACTIVE).setCriteria("Appointment?status=booked");
    Subscription oldSecret = subscription(SubscriptionStatus.ERROR);
    oldSecret.getChannel().setHeader(List.of(new StringType("Authorization: Bearer an-old-secret")));
    Subscription noPayload = subscription(SubscriptionStatus.ACTIVE);
    noPayload.getChannel().setPayload(null);

    for (Subscription changed : List.of(elsewhere, narrower, oldSecret, noPayload)) {
      assertThat(SubscriptionRepair.needed(Optional.of(changed), wanted)).isEqualTo(SubscriptionRepair.CORRECTED);
    }
  }

  @Test
  void aTopicSubscription_isCorrected_whenItsTopicSettingsDiffer_orItIsStillCriteriaBased() {
    TopicSubscriptions settings = new TopicSubscriptions("https://ehr.example.org/topic/appointment",
        "https://ehr.example.org/topic/encounter", TopicSubscriptions.PayloadContent.FULL_RESOURCE, Duration.ofMinutes(5));
    Subscription topicWanted = subscription(SubscriptionStatus.REQUESTED);
    BackportSubscriptions.onTopic(topicWanted, settings.appointment(), "Appointment?", settings);
    Subscription same = subscription(SubscriptionStatus.ACTIVE);
    BackportSubscriptions.onTopic(same, settings.appointment(), "Appointment?", settings);
    Subscription idOnly = subscription(SubscriptionStatus.ACTIVE);
    BackportSubscriptions.onTopic(idOnly, settings.appointment(), "Appointment?", new TopicSubscriptions(
        settings.appointment(), settings.encounter(), TopicSubscriptions.PayloadContent.ID_ONLY, Duration.ofMinutes(5)));
    Subscription otherFilter = subscription(SubscriptionStatus.ACTIVE);
    BackportSubscriptions.onTopic(otherFilter, settings.appointment(), "Appointment?status=booked", settings);

    assertThat(SubscriptionRepair.needed(Optional.of(same), topicWanted)).isEqualTo(SubscriptionRepair.NONE);
    for (Subscription changed : List.of(idOnly, otherFilter, subscription(SubscriptionStatus.ACTIVE))) {
      assertThat(SubscriptionRepair.needed(Optional.of(changed), topicWanted)).isEqualTo(SubscriptionRepair.CORRECTED);
    }
  }

  private static Subscription subscription(SubscriptionStatus status) {
    Subscription s = new Subscription();
    s.setStatus(status);
    s.setCriteria("Appointment?");
    s.getChannel().setType(SubscriptionChannelType.RESTHOOK).setEndpoint("https://careloop.example.org/hook")
        .setPayload("application/fhir+json")
        .setHeader(List.of(new StringType("Authorization: Bearer the-secret")));
    return s;
  }
}
