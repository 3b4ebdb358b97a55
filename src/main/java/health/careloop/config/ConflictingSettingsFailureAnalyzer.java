package health.careloop.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports settings that do not go together, naming the key, instead of a stack trace. */
class ConflictingSettingsFailureAnalyzer extends AbstractFailureAnalyzer<ConflictingSettingsException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConflictingSettingsException cause) {
    return new FailureAnalysis(cause.key() + ": " + cause.problem() + ".", cause.action() + ".", cause);
  }
}
