package health.careloop.ehr;

import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * References from what CareLoop serves to what the EHR holds. The Patients, Appointments and
 * Communications a CareLoop CommunicationRequest points at live in the EHR, not in CareLoop's
 * façade, and a relative reference would be read against the base of the server that served it
 * (FHIR R4 References: "relative to the service base URL"), so references out are absolute URLs
 * on the EHR's base.
 * References in may be relative (the EHR's logical id, as integrators know it) or absolute on
 * that base.
 */
@Component
public class EhrReferences {

  private final String base;

  @Autowired
  EhrReferences(EhrProperties properties) {
    this(properties.baseUrl().toString());
  }

  public EhrReferences(String ehrBaseUrl) {
    this.base = withoutTrailingSlash(ehrBaseUrl);
  }

  /** The EHR's FHIR base, without a trailing slash. */
  public String base() {
    return base;
  }

  /** {@code {base}/{type}/{id}}; {@code relativeOrId} is a logical id or already {@code Type/id}. */
  public Reference to(String type, String relativeOrId) {
    String relative = relativeOrId.startsWith(type + "/") ? relativeOrId : type + "/" + relativeOrId;
    return new Reference(base + "/" + relative);
  }

  /**
   * Whether a reference's base (null or blank for a relative one) is the EHR; false if it names
   * another server, whose resources CareLoop knows nothing about.
   */
  public boolean isEhr(String referenceBaseUrl) {
    return referenceBaseUrl == null || referenceBaseUrl.isBlank()
        || withoutTrailingSlash(referenceBaseUrl).equals(base);
  }

  /**
   * {@code Type/id} of a reference to a resource of the EHR, relative or absolute on its base; null
   * for a contained one, one by identifier only, or another server's (its Practitioner/7 is not the
   * EHR's).
   */
  public String relativeInEhr(String reference) {
    if (reference == null || reference.startsWith("#")) {
      return null;
    }
    IdType id = new IdType(reference);
    if (!id.hasResourceType() || !id.hasIdPart() || id.getIdPart().isBlank() || !isEhr(id.getBaseUrl())) {
      return null;
    }
    return id.getResourceType() + "/" + id.getIdPart();
  }

  private static String withoutTrailingSlash(String url) {
    String trimmed = url.trim();
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
