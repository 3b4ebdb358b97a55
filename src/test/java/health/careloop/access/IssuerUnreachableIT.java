package health.careloop.access;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.support.CareLoopInstance;
import health.careloop.support.MutableClock;
import health.careloop.support.TestAuthorizationServer;
import health.careloop.support.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;

/**
 * The façade while the token issuer cannot be reached (its metadata or its keys): a call with a
 * token is answered 503 with an OperationOutcome (the caller may try again; CareLoop could not
 * check the token), never a 500 or an error page; a call without a token is still a 401.
 */
class IssuerUnreachableIT {

  private static final HttpClient http = HttpClient.newHttpClient();

  @Test
  void issuerWhoseKeysCannotBeFetched_givesA503OperationOutcome_andNoTokenIsStillA401() throws Exception {
    String dead = "http://localhost:" + TestAuthorizationServer.freePort();
    try (CareLoopInstance careLoop = CareLoopInstance.start(CareLoopInstance.UNREACHABLE_EHR,
        MutableClock.startingNow(), Map.of("careloop.security.jwk-set-uri", dead + "/jwks"))) {
      assertUnavailable(get(careLoop, TestTokens.allScopes()));
      assertThat(get(careLoop, null).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void issuerWhoseMetadataCannotBeRead_givesA503OperationOutcome() throws Exception {
    String dead = "http://localhost:" + TestAuthorizationServer.freePort();
    try (CareLoopInstance careLoop = CareLoopInstance.start(CareLoopInstance.UNREACHABLE_EHR,
        MutableClock.startingNow(), Map.of("careloop.security.issuer-uri", dead, "careloop.security.jwk-set-uri", ""))) {
      assertUnavailable(get(careLoop, TestTokens.allScopes()));
    }
  }

  private static void assertUnavailable(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/fhir+json"));
    assertThat(response.headers().firstValue("Retry-After")).isPresent();
    OperationOutcome outcome = FhirContext.forR4Cached().newJsonParser()
        .parseResource(OperationOutcome.class, response.body());
    assertThat(outcome.getIssueFirstRep().getCode()).isEqualTo(OperationOutcome.IssueType.TRANSIENT);
    assertThat(outcome.getIssueFirstRep().getDiagnostics()).startsWith("CL-2095");
  }

  private static HttpResponse<String> get(CareLoopInstance careLoop, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(careLoop.fhirBaseUrl() + "/CommunicationRequest"))
        .timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
