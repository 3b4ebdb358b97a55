package health.careloop.config;

/**
 * A setting CareLoop refuses to start with: the key, what is wrong and the way out, which a
 * FailureAnalyzer prints at start-up instead of a stack trace.
 */
public abstract class StartUpRefusal extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final String problem;
  private final String action;

  protected StartUpRefusal(String message, String key, String problem, String action) {
    super(message);
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
