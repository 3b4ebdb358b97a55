package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import health.careloop.audit.AuditInteraction;
import health.careloop.audit.AuditOutcome;
import health.careloop.audit.AuditRecord;
import health.careloop.audit.AuditTrail;
import health.careloop.fhirprofiles.CareLoopProfilesTest;
import health.careloop.schedule.WorkFailure;
import health.careloop.support.CareLoopInstance;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/**
 * Nothing CareLoop writes to the EHR fails its profile: an invalid resource is refused before any
 * EHR call, counted, and its failure is a refusal (the message is parked), told without the
 * resource's values.
 */
class ProfileCheckTest {

  private static final String PATIENT_TEXT = "Alice Example, call 07700 900123";

  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final ProfileCheck check = new ProfileCheck(meters);

  @Test
  void theWarmUp_isNotDoneBeforeCareLoopIsReady_andIsDoneAfterIt() {
    assertThat(check.awaitWarm(java.time.Duration.ofMillis(50))).as("nothing started it yet").isFalse();

    check.warmUp();

    assertThat(check.awaitWarm(java.time.Duration.ofMinutes(3))).isTrue();
  }

  /**
   * The warm-up takes seconds of CPU: started at ready it ran beside the Subscriptions' registration,
   * which readiness waits for, and slowed it down on two cores (docs/benchmarks.md, "Start-up").
   */
  @Test
  void withSubscriptions_theWarmUpWaitsForTheirRegistration_thenRuns() {
    ProfileCheck withSubscriptions = new ProfileCheck(meters, false, java.time.Duration.ofHours(1));

    withSubscriptions.warmUp();

    assertThat(withSubscriptions.warmUpStarted()).as("ready, the Subscriptions not registered yet").isFalse();

    withSubscriptions.onSubscriptionsRegistered(new health.careloop.ehr.SubscriptionsRegistered());

    assertThat(withSubscriptions.awaitWarm(java.time.Duration.ofMinutes(3))).isTrue();
  }

  /** An attempt that failed is over too: nothing to keep out of the way of until its retry. */
  @Test
  void withSubscriptions_theWarmUpRunsOnceAnAttemptToRegisterThemFailed() {
    ProfileCheck withSubscriptions = new ProfileCheck(meters, false, java.time.Duration.ofHours(1));

    withSubscriptions.warmUp();
    withSubscriptions.onSubscriptionsNotRegistered(new health.careloop.ehr.SubscriptionsNotRegistered());

    assertThat(withSubscriptions.awaitWarm(java.time.Duration.ofMinutes(3))).isTrue();
  }

  /** An EHR that never answers the registration does not keep the validator cold for the sends. */
  @Test
  void withSubscriptionsNeverRegistered_theWarmUpRunsAfterItsLongestWait() {
    ProfileCheck withSubscriptions = new ProfileCheck(meters, false, java.time.Duration.ZERO);

    withSubscriptions.warmUp();

    assertThat(withSubscriptions.awaitWarm(java.time.Duration.ofMinutes(3))).isTrue();
  }

  /** Polling: there is no registration to wait for. */
  @Test
  void polling_theWarmUpRunsOnceReady() {
    ProfileCheck polling = new ProfileCheck(meters, true, java.time.Duration.ofHours(1));

    polling.warmUp();

    assertThat(polling.awaitWarm(java.time.Duration.ofMinutes(3))).isTrue();
  }

  @Test
  void aCommunicationAsCareLoopWritesIt_passes() {
    check.check(CareLoopProfilesTest.careLoopCommunication());

    assertThat(meters.find(ProfileCheck.INVALID).counter()).isNull();
  }

  @Test
  void aCommunicationFailingItsProfile_isRefused_counted_andToldWithoutItsValues() {
    Communication invalid = invalid();

    assertThatThrownBy(() -> check.check(invalid))
        .isInstanceOf(InvalidAgainstProfile.class)
        .hasMessageContaining("Communication fails its profile")
        .hasMessageContaining("Validation_VAL_Profile_Minimum")
        .message().doesNotContain("Alice").doesNotContain("07700");
    assertThat(meters.get(ProfileCheck.INVALID).tag("type", "Communication").counter().count()).isEqualTo(1.0);
  }

  @Test
  void theWriter_checksBeforeItCallsTheEhr() {
    // Nothing listens at this EHR: a write that got as far as the EHR would fail to connect.
    IGenericClient unreachable = FhirContext.forR4Cached().newRestfulGenericClient(CareLoopInstance.UNREACHABLE_EHR);
    List<AuditRecord> apart = new ArrayList<>();
    CommunicationWriter writer = new CommunicationWriter(unreachable, check, new AuditedWrite(recordingApart(apart),
        Clock.systemUTC()));

    assertThatThrownBy(() -> writer.write(invalid())).isInstanceOf(InvalidAgainstProfile.class);
    assertThatThrownBy(() -> writer.write(CareLoopProfilesTest.careLoopCommunication()))
        .isInstanceOf(FhirClientConnectionException.class);
    assertThat(apart).as("each write not taken is in the audit trail, as a serious failure of a create")
        .hasSize(2).allSatisfy(entry -> {
          assertThat(entry.interaction()).isEqualTo(AuditInteraction.CREATE);
          assertThat(entry.outcome()).isEqualTo(AuditOutcome.SERIOUS_FAILURE);
          assertThat(entry.entities().get(0).reference()).startsWith("Communication?identifier=");
        });
  }

  /** An audit trail that keeps what is recorded apart, and refuses anything recorded in a transaction: there is none here. */
  private static AuditTrail recordingApart(List<AuditRecord> apart) {
    return new AuditTrail() {
      @Override
      public void record(AuditRecord entry) {
        throw new AssertionError("a failed write is recorded apart: its transaction rolls back");
      }

      @Override
      public void recordApart(AuditRecord entry) {
        apart.add(entry);
      }
    };
  }

  @Test
  void anInvalidResource_isARefusal_soTheMessageIsParked_notRetried() {
    WorkFailure failure = new EhrFailures().classify(
        new InvalidAgainstProfile("Communication", java.util.List.of("Communication.status [x]")), Instant.now());

    assertThat(failure.permanent()).isTrue();
    assertThat(failure.reason()).contains("fails its profile");
  }

  private static Communication invalid() {
    Communication c = CareLoopProfilesTest.careLoopCommunication();
    c.setStatus(null);
    c.getPayloadFirstRep().setContent(new StringType(PATIENT_TEXT));
    return c;
  }
}
