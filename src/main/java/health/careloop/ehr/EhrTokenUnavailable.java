package health.careloop.ehr;

/**
 * CareLoop could not get an access token for the EHR: its authorization server was unreachable, too
 * slow, or refused CareLoop (an OAuth error code such as {@code invalid_client}). The EHR call that
 * needed it was not made, so nothing was written without a token. The message holds the kind of
 * failure and the OAuth error code, never a token, an assertion or a key.
 */
public class EhrTokenUnavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String reason;

  public EhrTokenUnavailable(String reason, Throwable cause) {
    super("No access token for the EHR: " + reason, cause);
    this.reason = reason;
  }

  /** Short, for a log line or a planned message's last failure: e.g. {@code token endpoint unreachable}. */
  public String reason() {
    return reason;
  }
}
