package health.careloop.config;

/**
 * CareLoop refuses to start because the EHR could not reach the address it would give the EHR for
 * its notifications: they would be lost without anyone noticing. The message names the key to set.
 * {@link UnreachableEndpointFailureAnalyzer} reports it at start-up.
 */
public class UnreachableEndpointException extends StartUpRefusal {

  private static final long serialVersionUID = 1L;

  public UnreachableEndpointException(String key, String problem, String action) {
    super(key + ": " + problem + ". " + action + ".", key, problem, action);
  }
}
