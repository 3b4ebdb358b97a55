package health.careloop.rules;

import java.time.Instant;

/**
 * One way to reach a person, as Patient.telecom has it (the value itself stays in the EHR).
 *
 * @param system {@code sms}, {@code email}, {@code phone}, ... (FHIR ContactPoint.system; a mobile
 *     phone is {@code phone} with use {@code mobile})
 * @param mobile the EHR marks it as a mobile number
 * @param rank 1 = most preferred; null when the EHR gives no rank
 * @param ends end of its period, null when open
 */
public record ContactPoint(String system, boolean mobile, Integer rank, Instant ends) {

  public boolean usableAt(Instant now) {
    return ends == null || ends.isAfter(now);
  }

  /** What CareLoop can use to reach someone: a text-capable number, or an e-mail address. */
  public String channel() {
    if ("sms".equals(system) || ("phone".equals(system) && mobile)) {
      return "sms";
    }
    return system;
  }
}
