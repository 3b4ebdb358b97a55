package health.careloop.audit;

/**
 * The FHIR interaction an audit entry records (http://hl7.org/fhir/restful-interaction) and its
 * AuditEvent action as IHE's Basic Audit Log Patterns give it: create C, update and patch U, read
 * R, delete D, a search, an operation or a transaction E (execute).
 */
public enum AuditInteraction {
  /** CareLoop's write to the EHR or a plan it made; or a façade caller's attempted create (refused). */
  CREATE("create", "C"),
  /** CareLoop withdrawing a plan it made (a CommunicationRequest revoked); or a caller's attempted update. */
  UPDATE("update", "U"),
  READ("read", "R"),
  SEARCH("search-type", "E"),
  OPERATION("operation", "E"),
  /** A façade caller's attempted patch (the façade offers none). */
  PATCH("patch", "U"),
  /** A façade caller's attempted delete (the façade offers none). */
  DELETE("delete", "D"),
  /** A façade caller's POST of a Bundle to the base, a batch or transaction (the façade offers neither). */
  TRANSACTION("transaction", "E");

  private final String code;
  private final String action;

  AuditInteraction(String code, String action) {
    this.code = code;
    this.action = action;
  }

  /** The restful-interaction code. */
  public String code() {
    return code;
  }

  /** The AuditEvent action code. */
  public String action() {
    return action;
  }

  public static AuditInteraction ofCode(String code) {
    for (AuditInteraction interaction : values()) {
      if (interaction.code.equals(code)) {
        return interaction;
      }
    }
    throw new IllegalArgumentException("No audited interaction " + code);
  }
}
