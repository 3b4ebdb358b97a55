package health.careloop.config;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

class UnexpectedFailureInterceptorTest {

  private final UnexpectedFailureInterceptor facade = UnexpectedFailureInterceptor.forFacade();

  @Test
  void anUnexpectedFailure_isA500_thatNamesNoClassAndQuotesNothingSent() {
    // As HAPI wraps what a provider throws: its class and message in the 500's text.
    var failure = new InternalErrorException("HAPI-0389: Failed to call access method: "
        + "org.springframework.dao.DataIntegrityViolationException: value 'Jane Doe' is invalid",
        new DataIntegrityViolationException("value 'Jane Doe' is invalid"));

    BaseServerResponseException answer = facade.withoutDetail(failure);

    assertThat(answer.getStatusCode()).isEqualTo(500);
    String diagnostics = ((OperationOutcome) answer.getOperationOutcome()).getIssueFirstRep().getDiagnostics();
    assertThat(diagnostics).startsWith("CL-2099").contains("incident ")
        .doesNotContain("Exception", "springframework", "Jane", "HAPI-0389");
    assertThat(answer.getMessage()).isEqualTo(diagnostics);
  }

  @Test
  void aRuntimeExceptionThrownAsItIs_isAnsweredTheSameWay() {
    BaseServerResponseException answer = facade.withoutDetail(new IllegalStateException("Patient/123 broke it"));

    assertThat(answer.getStatusCode()).isEqualTo(500);
    assertThat(answer.getMessage()).startsWith("CL-2099").doesNotContain("Patient/123", "IllegalState");
  }

  @Test
  void careLoopsOwnAnswers_passAsTheyAre() {
    assertThat(facade.withoutDetail(new InvalidRequestException("CL-2011: the parameter identifier holds a control character")))
        .as("a 4xx").isNull();
    assertThat(facade.withoutDetail(new UnclassifiedServerFailureException(503, "CL-2025: the EHR cannot be reached")))
        .as("a 5xx of CareLoop's").isNull();
  }

  @Test
  void onTheHook_theCodeIsTheHooks() {
    assertThat(UnexpectedFailureInterceptor.forNotifications().withoutDetail(new IllegalStateException("x")).getMessage())
        .startsWith("CL-1199");
  }

  @Test
  void theLogNamesTheClassesAndWhere_neverTheMessages() {
    var failure = new IllegalStateException("Jane", new RuntimeException("Doe"));
    assertThat(UnexpectedFailureInterceptor.classes(failure))
        .containsExactly("java.lang.IllegalStateException", "java.lang.RuntimeException");
    assertThat(UnexpectedFailureInterceptor.where(failure)).isNotEmpty()
        .first().asString().contains("UnexpectedFailureInterceptorTest");
    assertThat(String.join(" ", UnexpectedFailureInterceptor.where(failure))).doesNotContain("Jane", "Doe");
  }
}
