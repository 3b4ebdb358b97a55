package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import health.careloop.sandbox.SandboxBearerTokens;
import health.careloop.sandbox.SandboxEhr;
import health.careloop.schedule.PlannedMessageStatus;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.support.Await;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.EhrFixtures;
import health.careloop.support.TestAuthorizationServer;
import health.careloop.support.TestAuthorizationServer.Client;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * CareLoop towards an EHR that takes nothing without a token: the sandbox EHR checks every request's
 * bearer JWT against a real authorization server (Spring Authorization Server), where CareLoop is
 * registered as a SMART backend service whose public keys are at CareLoop's own
 * {@code /.well-known/jwks.json}. CareLoop finds the token endpoint through the EHR's SMART
 * configuration. Tokens live {@link #TOKEN_LIFETIME}; CareLoop replaces one {@link #REFRESH_BEFORE}
 * ahead of its expiry. The tests run in order, as one story of a deployment.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(OutputCaptureExtension.class)
class SmartBackendServicesIT {

  /** Generous: the first write in a JVM loads the profile validator, which takes long on a busy machine. */
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String CLIENT = "careloop-backend";
  private static final String EHR_AUDIENCE = "sandbox-ehr";
  private static final String SIGNING_KID = "careloop-2026";
  private static final Duration TOKEN_LIFETIME = Duration.ofSeconds(40);
  private static final Duration REFRESH_BEFORE = Duration.ofSeconds(20);
  private static final String CONFIRMATION = "appointment-confirmation";
  private static final String REMINDER = "appointment-reminder";

  private static final SandboxEhr ehr = SandboxEhr.shared();
  private static final int careLoopPort = TestAuthorizationServer.freePort();
  private static final String careLoopKeys = "http://localhost:" + careLoopPort + "/.well-known/jwks.json";
  private static final Path keyFile = keyFile();
  private static final Client careLoopClient = Client.privateKeyJwt(CLIENT, EHR_AUDIENCE, careLoopKeys,
      TOKEN_LIFETIME, EhrAuthProperties.DEFAULT_SCOPE.split(" "));
  /** The tests' own access to the EHR, to make appointments as its users would. */
  private static final Client ehrUser = Client.of("sandbox-user", EHR_AUDIENCE, "system/*.cruds");
  private static final TestAuthorizationServer auth = TestAuthorizationServer.start(0, List.of(careLoopClient, ehrUser));
  private static final SandboxBearerTokens guard = new SandboxBearerTokens(auth.issuer(), auth.jwkSetUri(),
      auth.tokenEndpoint(), EHR_AUDIENCE);
  private static final SandboxEhr.Withholding guarding = ehr.intercept(guard);
  private static final BearerTokenAuthInterceptor fixturesToken =
      new BearerTokenAuthInterceptor(auth.token(ehrUser, "system/*.cruds"));
  private static final EhrFixtures fixtures = fixtures();

  @RegisterExtension
  static final CareLoopInstance careLoop = CareLoopInstance.onSandbox(ehr, Map.of(
      "server.port", careLoopPort,
      "careloop.ehr.auth.type", "smart-backend-services",
      "careloop.ehr.auth.client-id", CLIENT,
      "careloop.ehr.auth.key-file", keyFile.toString(),
      "careloop.ehr.auth.kid", SIGNING_KID,
      "careloop.ehr.auth.alg", "RS384",
      "careloop.ehr.auth.refresh-before", REFRESH_BEFORE.toString(),
      "careloop.delivery.retry.first-interval", "PT30S",
      "careloop.delivery.retry.jitter", "0"));

  @AfterAll
  static void openTheEhrAgain() {
    guarding.close();
    ehr.client().unregisterInterceptor(fixturesToken);
    auth.close();
  }

  @Test
  @Order(1)
  void theJwks_isOpen_andHoldsEveryPublicKey_neverAPrivatePart() throws Exception {
    HttpResponse<String> response = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create(careLoopKeys)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    JWKSet published = JWKSet.parse(response.body());
    assertThat(published.getKeys()).extracting(JWK::getKeyID).containsExactly("careloop-2025", SIGNING_KID);
    assertThat(published.getKeys()).noneMatch(JWK::isPrivate);
    assertThat(response.body()).doesNotContain("\"d\"", "\"p\"", "\"q\"", "\"dp\"");
  }

  @Test
  @Order(2)
  void aBookedAppointment_getsItsConfirmation_throughTheAuthenticatedEhr_oneTokenForManyCalls() {
    int issuedBefore = auth.tokensIssuedTo(CLIENT);
    int requestsBefore = guard.requestsAcceptedFrom(CLIENT);

    String patient = fixtures.patient("Noor", "en", "Europe/London");
    fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    awaitCommunications(patient, CONFIRMATION, 1);

    assertThat(issuedBefore).as("CareLoop got a token at start-up, for its Subscriptions").isPositive();
    int calls = guard.requestsAcceptedFrom(CLIENT) - requestsBefore;
    assertThat(calls).as("what CareLoop read and wrote for the confirmation").isGreaterThanOrEqualTo(3);
    assertThat(auth.tokensIssuedTo(CLIENT) - issuedBefore).as("tokens asked for meanwhile").isLessThanOrEqualTo(1);
    assertThat(guard.refusals()).as("nothing refused: no call without a token, no token refused").isEmpty();
  }

  @Test
  @Order(3)
  void aTokenAboutToExpire_isReplacedBeforeTheCall_withoutTheEhrRefusingAnything() {
    String patient = fixtures.patient("Ilse", "en", "Europe/London");
    String appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();
    awaitCommunications(patient, CONFIRMATION, 1);
    PlannedMessageView reminder = firstReminder(appointment);
    Instant replaceAfter = auth.lastIssuedTo(CLIENT).plus(TOKEN_LIFETIME).minus(REFRESH_BEFORE);
    Await.until("CareLoop's token is within refresh-before of its expiry", TOKEN_LIFETIME,
        () -> Instant.now().isAfter(replaceAfter.plusSeconds(1)));
    int issuedBefore = auth.tokensIssuedTo(CLIENT);

    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), reminder.dueAt().plusSeconds(1)));
    awaitCommunications(patient, REMINDER, 1);

    assertThat(auth.tokensIssuedTo(CLIENT) - issuedBefore).as("one new token, asked for ahead of expiry").isEqualTo(1);
    assertThat(guard.refusals()).as("the EHR never saw the old token expire").isEmpty();
  }

  @Test
  @Order(4)
  void anEhrThatStopsAcceptingTheToken_getsOneNewTokenAndTheRequestOnceMore(CapturedOutput log) {
    String patient = fixtures.patient("Odile", "fr", "Europe/Paris");
    int issuedBefore = auth.tokensIssuedTo(CLIENT);
    guard.revokeEveryTokenSoFar();
    fixturesToken.setToken(auth.token(ehrUser, "system/*.cruds"));

    fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)));
    awaitCommunications(patient, CONFIRMATION, 1);

    assertThat(guard.refusals()).as("one request refused with the revoked token, none without a token")
        .containsExactly(new SandboxBearerTokens.Refusal("GET", true));
    assertThat(auth.tokensIssuedTo(CLIENT) - issuedBefore).as("exactly one new token").isEqualTo(1);
    assertThat(log.getAll()).contains("The EHR answered 401 to GET with CareLoop's token; retrying once")
        .doesNotContain("eyJ");
  }

  @Test
  @Order(5)
  void aKeyTheAuthorizationServerDoesNotKnow_writesNothing_andTheMessageWaits_untilTheKeyIsRegistered(
      CapturedOutput log) {
    String patient = fixtures.patient("Kai", "en", "Europe/London");
    String appointment = fixtures.book(patient, null, careLoop.clock().instant().plus(Duration.ofDays(3)))
        .getIdElement().getIdPart();
    awaitCommunications(patient, CONFIRMATION, 1);
    PlannedMessageView reminder = firstReminder(appointment);
    int refusedBefore = guard.refusals().size();
    double retriedBefore = counter("careloop.messages.retried");

    // The EHR's administrator registers other keys for CareLoop, and the EHR drops its tokens.
    auth.register(Client.privateKeyJwt(CLIENT, EHR_AUDIENCE, auth.jwkSetUri(), TOKEN_LIFETIME,
        EhrAuthProperties.DEFAULT_SCOPE.split(" ")));
    guard.revokeEveryTokenSoFar();
    fixturesToken.setToken(auth.token(ehrUser, "system/*.cruds"));
    careLoop.advanceClock(Duration.between(careLoop.clock().instant(), reminder.dueAt().plusSeconds(1)));

    Await.until("the failed try is counted", WAIT, () -> counter("careloop.messages.retried") > retriedBefore);
    assertThat(fixtures.communicationsFor(patient, REMINDER)).isEmpty();
    assertThat(statusOf(appointment, reminder.id())).as("waiting for another try, not parked")
        .isEqualTo(PlannedMessageStatus.PENDING);
    assertThat(guard.refusals().subList(refusedBefore, guard.refusals().size()))
        .as("the EHR refused the revoked token; nothing ever came without one").allMatch(SandboxBearerTokens.Refusal::hadToken);
    assertThat(log.getAll()).as("logged by what went wrong, never a token or an assertion")
        .contains("not written (no EHR token: refused by the token endpoint (HTTP 401))").doesNotContain("eyJ");

    // The right keys registered again: the next try sends it.
    auth.register(careLoopClient);
    careLoop.advanceClock(Duration.ofMinutes(2));
    awaitCommunications(patient, REMINDER, 1);
    // The send is recorded in CareLoop's database just after the EHR took the Communication.
    Await.until("the reminder recorded as sent", WAIT,
        () -> statusOf(appointment, reminder.id()) == PlannedMessageStatus.SENT);
    assertThat(fixtures.communicationsFor(patient, REMINDER)).hasSize(1);
  }

  private static void awaitCommunications(String patient, String kind, int count) {
    Await.until(count + " " + kind + " for Patient/" + patient, WAIT,
        () -> fixtures.communicationsFor(patient, kind).size() == count);
  }

  private static PlannedMessageView firstReminder(String appointment) {
    Await.until("the reminders are planned", WAIT, () -> careLoop.planned(appointment, REMINDER).size() == 2);
    return careLoop.planned(appointment, REMINDER).stream().min(Comparator.comparing(PlannedMessageView::dueAt))
        .orElseThrow();
  }

  private static PlannedMessageStatus statusOf(String appointment, String id) {
    return careLoop.planned(appointment, REMINDER).stream().filter(m -> m.id().equals(id)).findFirst()
        .orElseThrow().status();
  }

  private static double counter(String name) {
    Counter counter = careLoop.bean(MeterRegistry.class).find(name).tag("kind", REMINDER).counter();
    return counter == null ? 0.0 : counter.count();
  }

  /** CareLoop's key file: the key it signs with now and last year's, still published for rotation. */
  private static Path keyFile() {
    try {
      Path folder = Files.createTempDirectory("careloop-keys");
      folder.toFile().deleteOnExit();
      return TestKeys.jwksFile(folder, List.of(TestKeys.rsa("careloop-2025"), TestKeys.rsa(SIGNING_KID)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static EhrFixtures fixtures() {
    ehr.client().registerInterceptor(fixturesToken);
    return new EhrFixtures(ehr.client());
  }
}
