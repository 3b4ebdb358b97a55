package health.careloop.summaries.referrals;

import java.time.Instant;
import java.util.Objects;

/**
 * A referral (a FHIR ServiceRequest) as the sweep reasons about it, free of the FHIR model.
 *
 * @param id the EHR's logical id of the ServiceRequest
 * @param patientId the logical id of its subject when that is a Patient; null otherwise (a Group,
 *     a Location, ...: there is no one patient to book)
 * @param status its status
 * @param authoredOn when it was signed; null if the EHR does not say
 */
public record Referral(String id, String patientId, ReferralStatus status, Instant authoredOn) {

  public Referral {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(status, "status");
  }
}
