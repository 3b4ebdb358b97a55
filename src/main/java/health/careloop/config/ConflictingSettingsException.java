package health.careloop.config;

/**
 * CareLoop refuses to start because settings that are each valid do not go together (e.g. polling
 * an EHR with the catch-up search, which is the polling, switched off). The message names the key
 * to change. {@link ConflictingSettingsFailureAnalyzer} reports it at start-up.
 */
public class ConflictingSettingsException extends StartUpRefusal {

  private static final long serialVersionUID = 1L;

  public ConflictingSettingsException(String key, String problem, String action) {
    super(key + ": " + problem + ". " + action + ".", key, problem, action);
  }
}
