package health.careloop.config;

/**
 * A secret setting CareLoop refuses to start with ({@link SecretStrength}). Its message names the
 * key, the problem and the way out; never the value ({@link UnsafeSecretFailureAnalyzer} reports
 * it at start-up instead of Spring's binding report, which would print it).
 */
public class UnsafeSecretException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final String problem;
  private final String action;

  UnsafeSecretException(String key, String problem, String action) {
    super(key + " " + problem + ". " + action + ". (The value is not shown: it may be a real secret.)");
    this.key = key;
    this.problem = problem;
    this.action = action;
  }

  public String key() {
    return key;
  }

  String problem() {
    return problem;
  }

  String action() {
    return action;
  }
}
