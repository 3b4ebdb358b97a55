package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;

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
