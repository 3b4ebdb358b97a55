package health.careloop.audit;

/**
 * The FHIR interaction an audit entry records (http://hl7.org/fhir/restful-interaction) and its
 * AuditEvent action as IHE's Basic Audit Log Patterns give it: create C, update U, read R, a search
 * or an operation E (execute).
 */
public enum AuditInteraction {
  CREATE("create", "C"),
  /** CareLoop withdrawing a plan it made (a CommunicationRequest revoked). */
  UPDATE("update", "U"),
  READ("read", "R"),
  SEARCH("search-type", "E"),
  OPERATION("operation", "E");

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
