package health.careloop.summaries.referrals;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Criteria on CareLoop's referral Tasks, all of which must hold. Each set criterion keeps the
 * values in every set given (an AND of ORs); an empty set matches nothing.
 *
 * @param statuses FHIR Task.status codes; null: any
 * @param patientIds null: any
 * @param referralIds null: any
 * @param updatedFrom last changed at or after; null: any
 * @param updatedBefore last changed before; null: any
 */
public record ReferralTaskSearch(Set<String> statuses, Set<String> patientIds, Set<String> referralIds,
    Instant updatedFrom, Instant updatedBefore) {

  public static ReferralTaskSearch all() {
    return new ReferralTaskSearch(null, null, null, null, null);
  }

  public ReferralTaskSearch withStatusIn(Set<String> values) {
    return new ReferralTaskSearch(and(statuses, values), patientIds, referralIds, updatedFrom, updatedBefore);
  }

  public ReferralTaskSearch withPatientIn(Set<String> values) {
    return new ReferralTaskSearch(statuses, and(patientIds, values), referralIds, updatedFrom, updatedBefore);
  }

  public ReferralTaskSearch withReferralIn(Set<String> values) {
    return new ReferralTaskSearch(statuses, patientIds, and(referralIds, values), updatedFrom, updatedBefore);
  }

  public ReferralTaskSearch withUpdatedFrom(Instant from) {
    return new ReferralTaskSearch(statuses, patientIds, referralIds,
        updatedFrom == null || from.isAfter(updatedFrom) ? from : updatedFrom, updatedBefore);
  }

  public ReferralTaskSearch withUpdatedBefore(Instant before) {
    return new ReferralTaskSearch(statuses, patientIds, referralIds, updatedFrom,
        updatedBefore == null || before.isBefore(updatedBefore) ? before : updatedBefore);
  }

  private static Set<String> and(Set<String> held, Set<String> given) {
    Set<String> both = new HashSet<>(given);
    if (held != null) {
      both.retainAll(held);
    }
    return Set.copyOf(both);
  }
}
