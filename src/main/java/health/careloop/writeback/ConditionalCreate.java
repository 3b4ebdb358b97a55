package health.careloop.writeback;

import ca.uhn.fhir.rest.api.MethodOutcome;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import health.careloop.CareLoopFhir;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.Resource;

/**
 * Writes a resource that carries a CareLoop identifier (a message key; the referral of a referral's
 * Task) with a conditional create on that identifier: a retry, a crash-and-replay or a second
 * replica finds the one already there instead of making another.
 */
final class ConditionalCreate {

  /**
   * Writes of one key in this instance go one after the other, so the second finds the first's
   * resource: copies planned for two guardians that go to the patient instead are due at the same
   * moment and carry the same key. Whether an EHR's conditional create holds against two truly
   * concurrent requests is the EHR's own matter; CareLoop does not rely on it.
   */
  private static final Object[] STRIPES = IntStream.range(0, 64).mapToObj(i -> new Object()).toArray();

  private ConditionalCreate() {}

  /**
   * @param identifier the resource type's {@code identifier} search parameter
   * @return the resource's versionless relative id, e.g. {@code Communication/123}
   */
  static String byMessageKey(IGenericClient ehr, Resource resource, String messageKey, TokenClientParam identifier) {
    return byIdentifier(ehr, resource, CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM, messageKey, identifier);
  }

  /** The same on any of CareLoop's identifier systems. */
  static String byIdentifier(IGenericClient ehr, Resource resource, String system, String value,
      TokenClientParam identifier) {
    synchronized (STRIPES[Math.floorMod(value.hashCode(), STRIPES.length)]) {
      MethodOutcome outcome = ehr.create().resource(resource).conditional()
          .where(identifier.exactly().systemAndIdentifier(system, value))
          .execute();
      return outcome.getId().toUnqualifiedVersionless().getValue();
    }
  }
}
