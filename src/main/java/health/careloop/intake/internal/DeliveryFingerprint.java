package health.careloop.intake.internal;

import ca.uhn.fhir.context.FhirContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Resource;

/**
 * What tells two deliveries of one (type, id, version) apart: the {@code meta.lastUpdated} the EHR
 * gave the version, and what the resource says. The rest of {@code meta} (source, tags, profiles)
 * is the EHR's bookkeeping and may differ between two deliveries of the same version, and the id
 * is the same by definition, so neither counts. A digest, not the content: it is compared and
 * stored (as the inbox's uniqueness key), never logged.
 */
final class DeliveryFingerprint {

  private DeliveryFingerprint() {}

  /**
   * The resource is encoded without its id and meta, then given them back: no copy of it is made
   * (a deep copy of every delivery cost as much as encoding it). Not for a resource another thread
   * may read meanwhile: each delivery's is its own.
   */
  static String of(FhirContext fhir, IBaseResource resource, Instant lastUpdated) {
    Resource content = (Resource) resource;
    IdType id = content.hasIdElement() ? content.getIdElement() : null;
    Meta meta = content.hasMeta() ? content.getMeta() : null;
    String encoded;
    content.setIdElement(null);
    content.setMeta(null);
    try {
      encoded = fhir.newJsonParser().setPrettyPrint(false).encodeResourceToString(content);
    } finally {
      content.setIdElement(id);
      content.setMeta(meta);
    }
    String text = (lastUpdated == null ? "-" : lastUpdated.toString()) + "\n" + encoded;
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  /** The fingerprint of a delivery stored as {@code json} (rows stored before fingerprints were). */
  static String ofPayload(FhirContext fhir, String json, Instant lastUpdated) {
    return of(fhir, fhir.newJsonParser().parseResource(json), lastUpdated);
  }
}
