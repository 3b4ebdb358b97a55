package health.careloop.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a notification endpoint the EHR could not reach, naming the key, instead of a stack trace. */
class UnreachableEndpointFailureAnalyzer extends AbstractFailureAnalyzer<UnreachableEndpointException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnreachableEndpointException cause) {
    return new FailureAnalysis(cause.key() + ": " + cause.problem() + ".", cause.action() + ".", cause);
  }
}
