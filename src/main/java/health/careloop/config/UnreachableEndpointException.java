package health.careloop.config;

/**
 * CareLoop refuses to start because the EHR could not reach the address it would give the EHR for
 * its notifications: they would be lost without anyone noticing. The message names the key to set.
 * {@link UnreachableEndpointFailureAnalyzer} reports it at start-up.
 */
public class UnreachableEndpointException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String key;
  private final String problem;
  private final String action;

  public UnreachableEndpointException(String key, String problem, String action) {
    super(key + ": " + problem + ". " + action + ".");
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
