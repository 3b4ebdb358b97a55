package health.careloop.audit;

/**
 * How an audited interaction ended, as R4's AuditEvent outcome codes say: 0 success; 4 minor
 * failure (the façade refused the request: no token, no scope, a bad search, not found); 8
 * serious failure (CareLoop could not do it: the EHR refused or failed a write, or the façade
 * failed with a 5xx).
 */
public enum AuditOutcome {
  SUCCESS("0"),
  MINOR_FAILURE("4"),
  SERIOUS_FAILURE("8");

  private final String code;

  AuditOutcome(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** The outcome of a façade answer with this HTTP status. */
  public static AuditOutcome ofHttpStatus(int status) {
    if (status < 400) {
      return SUCCESS;
    }
    return status < 500 ? MINOR_FAILURE : SERIOUS_FAILURE;
  }

  public static AuditOutcome ofCode(String code) {
    for (AuditOutcome outcome : values()) {
      if (outcome.code.equals(code)) {
        return outcome;
      }
    }
    throw new IllegalArgumentException("No audit outcome " + code);
  }
}
