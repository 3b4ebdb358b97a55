package health.careloop.config;

/**
 * A secret setting CareLoop refuses to start with ({@link SecretStrength}). Its message names the
 * key, the problem and the way out; never the value ({@link UnsafeSecretFailureAnalyzer} reports
 * it at start-up instead of Spring's binding report, which would print it).
 */
public class UnsafeSecretException extends StartUpRefusal {

  private static final long serialVersionUID = 1L;

  UnsafeSecretException(String key, String problem, String action) {
    super(key + " " + problem + ". " + action + ". (The value is not shown: it may be a real secret.)", key, problem,
        action);
  }
}
