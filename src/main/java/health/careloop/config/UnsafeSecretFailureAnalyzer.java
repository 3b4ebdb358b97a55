package health.careloop.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Reports a refused secret at start-up by its key and problem. First in line: Spring's own report
 * of a binding failure ({@code BindFailureAnalyzer}) would print the rejected value.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
class UnsafeSecretFailureAnalyzer extends AbstractFailureAnalyzer<UnsafeSecretException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, UnsafeSecretException cause) {
    return new FailureAnalysis(
        cause.key() + " " + cause.problem() + ". (The value is not shown: it may be a real secret.)",
        cause.action() + ".", cause);
  }
}
