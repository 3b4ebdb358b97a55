package health.careloop.summaries.referrals;

import java.util.Locale;

/** FHIR R4 ServiceRequest.status (request-status), as the referral sweep reasons about it. */
public enum ReferralStatus {
  DRAFT, ACTIVE, ON_HOLD, REVOKED, COMPLETED, ENTERED_IN_ERROR, UNKNOWN;

  /** Parses the FHIR code ({@code on-hold}, {@code entered-in-error}, ...); none is {@link #UNKNOWN}. */
  public static ReferralStatus fromCode(String code) {
    return code == null || code.isBlank() ? UNKNOWN : valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * Nobody is to book it any more: withdrawn, carried out, or a mistake. A referral on hold is not:
   * it may resume, and whether to book it meanwhile is for staff to say.
   */
  public boolean isOver() {
    return this == REVOKED || this == COMPLETED || this == ENTERED_IN_ERROR;
  }
}
