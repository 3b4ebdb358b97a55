package health.careloop.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import health.careloop.ehr.EhrTokenUnavailable;
import health.careloop.schedule.WorkFailure;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EhrFailuresTest {

  private static final EhrFailures FAILURES = new EhrFailures();
  private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");

  @ParameterizedTest
  @ValueSource(ints = {408, 425, 429, 500, 502, 503, 504, 507, 599})
  void anEhrThatIsSlowOverloadedOrBroken_isTriedAgain(int status) {
    WorkFailure failure = FAILURES.classify(BaseServerResponseException.newInstance(status, "x"), NOW);

    assertThat(failure.permanent()).isFalse();
    assertThat(failure.reason()).isEqualTo("HTTP " + status);
    assertThat(failure.retryAfter()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 401, 403, 404, 405, 409, 410, 412, 413, 415, 422, 418, 451})
  void aRefusal_isPermanent(int status) {
    WorkFailure failure = FAILURES.classify(BaseServerResponseException.newInstance(status, "x"), NOW);

    assertThat(failure.permanent()).isTrue();
    assertThat(failure.reason()).isEqualTo("HTTP " + status);
  }

  @Test
  void theReason_keepsTheIssueCode_neverTheDiagnosticsOrText_whichMayQuoteThePatient() {
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR)
        .setCode(OperationOutcome.IssueType.BUSINESSRULE)
        .setDiagnostics("Communication for Jane Doe, 07700 900123, rejected");
    outcome.getIssueFirstRep().getDetails().setText("Jane Doe");

    WorkFailure failure = FAILURES.classify(new UnprocessableEntityException("Jane Doe rejected", outcome), NOW);

    assertThat(failure.permanent()).isTrue();
    assertThat(failure.reason()).isEqualTo("HTTP 422 (business-rule)").doesNotContain("Jane", "07700");
  }

  @Test
  void retryAfter_inSeconds() {
    BaseServerResponseException busy = BaseServerResponseException.newInstance(503, "busy");
    busy.addResponseHeader("Retry-After", "120");

    assertThat(FAILURES.classify(busy, NOW).retryAfter()).contains(Duration.ofSeconds(120));
  }

  @Test
  void retryAfter_asAnHttpDate_isTheTimeLeftUntilThen_neverNegative() {
    BaseServerResponseException busy = BaseServerResponseException.newInstance(429, "slow down");
    busy.addResponseHeader("retry-after", "Mon, 30 Nov 2026 10:05:00 GMT");
    BaseServerResponseException past = BaseServerResponseException.newInstance(503, "busy");
    past.addResponseHeader("Retry-After", "Mon, 30 Nov 2026 09:00:00 GMT");

    assertThat(FAILURES.classify(busy, NOW).retryAfter()).contains(Duration.ofMinutes(5));
    assertThat(FAILURES.classify(past, NOW).retryAfter()).contains(Duration.ZERO);
  }

  @Test
  void aRetryAfterThatIsNeitherSecondsNorADate_isIgnored() {
    BaseServerResponseException busy = BaseServerResponseException.newInstance(503, "busy");
    busy.addResponseHeader("Retry-After", "soon");
    BaseServerResponseException negative = BaseServerResponseException.newInstance(503, "busy");
    negative.addResponseHeader("Retry-After", "-5");

    assertThat(FAILURES.classify(busy, NOW).retryAfter()).isEmpty();
    assertThat(FAILURES.classify(negative, NOW).retryAfter()).isEmpty();
  }

  @Test
  void connectionFailuresAndTimeouts_areTriedAgain_evenWrapped() {
    WorkFailure refused = FAILURES.classify(
        new FhirClientConnectionException("Failed to connect", new ConnectException("Connection refused")), NOW);
    WorkFailure timeout = FAILURES.classify(new IllegalStateException("wrapped",
        new SocketTimeoutException("Read timed out")), NOW);

    assertThat(refused.permanent()).isFalse();
    assertThat(refused.reason()).isEqualTo("EHR unreachable");
    assertThat(timeout.permanent()).isFalse();
    assertThat(timeout.reason()).isEqualTo("EHR timed out");
  }

  /**
   * No token: nothing reached the EHR, and the message waits (an authorization server down comes
   * back; a refused key is fixed by an operator). Wrapped as HAPI's client wraps a hook's failure,
   * even in an internal error, it is still the token that is named, never its text.
   */
  @Test
  void noAccessTokenForTheEhr_isTriedAgain_namedByWhatWentWrong() {
    WorkFailure down = FAILURES.classify(new FhirClientConnectionException("wrapped", new EhrTokenUnavailable(
        "token endpoint unreachable", new ConnectException("Connection refused"))), NOW);
    WorkFailure refused = FAILURES.classify(new ca.uhn.fhir.rest.server.exceptions.InternalErrorException("hook",
        new EhrTokenUnavailable("refused by the token endpoint (invalid_client)", null)), NOW);

    assertThat(down.permanent()).isFalse();
    assertThat(down.reason()).isEqualTo("no EHR token: token endpoint unreachable");
    assertThat(refused.permanent()).isFalse();
    assertThat(refused.reason()).isEqualTo("no EHR token: refused by the token endpoint (invalid_client)");
  }

  @Test
  void aRefusalWrappedInAnotherException_isStillARefusal() {
    WorkFailure failure = FAILURES.classify(new RuntimeException("around",
        BaseServerResponseException.newInstance(403, "no")), NOW);

    assertThat(failure.permanent()).isTrue();
    assertThat(failure.reason()).isEqualTo("HTTP 403");
  }

  @Test
  void anythingElse_isTriedAgain_namedByItsClassOnly() {
    WorkFailure failure = FAILURES.classify(new IllegalStateException("Patient Jane Doe"), NOW);

    assertThat(failure.permanent()).isFalse();
    assertThat(failure.reason()).isEqualTo("IllegalStateException");
    assertThat(failure.retryAfter()).isEqualTo(Optional.empty());
  }

  @Test
  void describe_forALogLine_isTheStatusAndIssueCode_neverTheEhrsText() {
    UnprocessableEntityException refused = new UnprocessableEntityException("Alice Example, 07700 900123: bad");

    assertThat(EhrFailures.describe(refused)).isEqualTo("HTTP 422").doesNotContain("Alice");
    assertThat(EhrFailures.describe(new IllegalStateException("Alice Example"))).isEqualTo("IllegalStateException");
  }
}
