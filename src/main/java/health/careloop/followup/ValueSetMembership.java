package health.careloop.followup;

import java.util.Optional;

/** Whether a code is in one of the content library's ValueSets (answered by a terminology service). */
public interface ValueSetMembership {

  /**
   * The code of the ValueSet {@code code} is in: {@code code} itself, or for ICD-10 and ICD-10-CM the
   * ancestor the ValueSet lists; empty when it is not in the ValueSet.
   */
  Optional<String> codeInValueSet(String valueSetUrl, VisitCodes.Code code);
}
