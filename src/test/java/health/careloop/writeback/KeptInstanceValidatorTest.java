package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.SingleValidationMessage;
import health.careloop.fhirprofiles.CareLoopProfilesTest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.Communication;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/**
 * The profile check reuses one HAPI {@code InstanceValidator} instead of HAPI's new one
 * per validation: it must find exactly what HAPI's own validator finds, and nothing of one
 * validation may carry over into the next, on one thread or on several.
 */
class KeptInstanceValidatorTest {

  /** More than one validator's lifetime: the runs below cross a replacement too. */
  private static final int ROUNDS = KeptInstanceValidator.VALIDATIONS_PER_VALIDATOR + 20;

  private final ProfileCheck check = new ProfileCheck(new SimpleMeterRegistry());

  @Test
  void findsWhatHapisOwnValidatorFinds_messageForMessage() {
    FhirValidator hapis = FhirContext.forR4Cached().newValidator();
    hapis.registerValidatorModule(
        ProfileCheck.Validator.configured(new FhirInstanceValidator(ProfileCheck.Validator.SUPPORT)));
    FhirValidator reused = ProfileCheck.Validator.get();

    for (int round = 0; round < 3; round++) {
      for (Resource resource : List.of(valid(), invalid(), unknownProfile(), unknownCode(), noProfileNoStatus())) {
        assertThat(described(reused.validateWithResult(resource).getMessages()))
            .as("round %d, %s", round, resource.getMeta().getProfile())
            .isEqualTo(described(hapis.validateWithResult(resource).getMessages()));
      }
    }
  }

  @Test
  void invalidThenValidThenInvalid_manyTimesOnOneThread_sameFindingsEveryTime() {
    String first = problems(invalid());
    assertThat(first).contains("Communication [Validation_VAL_Profile_Minimum]");

    for (int round = 0; round < ROUNDS; round++) {
      check.check(valid());
      assertThat(problems(invalid())).as("round %d", round).isEqualTo(first);
      assertThat(problems(unknownProfile())).as("round %d", round).contains("Communication.meta.profile[0] [Validation_VAL_Profile_Unknown]");
    }
  }

  @Test
  void invalidThenValidThenInvalid_onSeveralThreadsAtOnce_sameFindingsEveryTime() throws Exception {
    String expected = problems(invalid());
    ExecutorService threads = Executors.newFixedThreadPool(4);
    try {
      List<Callable<Void>> work = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        work.add(() -> {
          for (int round = 0; round < ROUNDS / 2; round++) {
            assertThat(problems(invalid())).isEqualTo(expected);
            check.check(valid());
          }
          return null;
        });
      }
      for (Future<Void> done : threads.invokeAll(work)) {
        done.get();
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /** The refusal's message: the failed checks and where, as the parked message's reason tells them. */
  private String problems(Resource resource) {
    InvalidAgainstProfile refused = catchThrowableOfType(() -> check.check(resource), InvalidAgainstProfile.class);
    assertThat(refused).as("refused").isNotNull();
    return refused.getMessage();
  }

  private static List<String> described(List<SingleValidationMessage> messages) {
    return messages.stream()
        .map(m -> m.getSeverity() + " " + m.getLocationString() + " " + m.getMessageId() + " " + m.getMessage())
        .toList();
  }

  private static Communication valid() {
    return CareLoopProfilesTest.careLoopCommunication();
  }

  private static Communication invalid() {
    Communication c = valid();
    c.setStatus(null);
    c.getPayloadFirstRep().setContent(new StringType("Alice Example, call 07700 900123"));
    return c;
  }

  private static Communication unknownProfile() {
    Communication c = valid();
    c.getMeta().getProfile().clear();
    c.getMeta().addProfile("https://careloop.health/fhir/StructureDefinition/not-shipped");
    return c;
  }

  private static Communication unknownCode() {
    Communication c = valid();
    c.getMediumFirstRep().getCodingFirstRep().setCode("NOT-A-MODE");
    return c;
  }

  private static Communication noProfileNoStatus() {
    Communication c = valid();
    c.getMeta().getProfile().clear();
    c.setStatus(null);
    return c;
  }
}
