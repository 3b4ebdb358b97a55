package health.careloop.audit;

import java.util.Objects;

/**
 * A resource an audit entry concerns.
 *
 * @param reference a relative reference ({@code Communication/123}, {@code Patient/abc}), or, for a
 *     write the EHR did not take, the resource by CareLoop's identifier
 *     ({@code Communication?identifier=<system>|<value>}: the message key, which is ids only)
 * @param patient whether it is the Patient the entry is about (BALP's entity with role Patient)
 */
public record AuditedEntity(String reference, boolean patient) {

  public AuditedEntity {
    Objects.requireNonNull(reference, "reference");
  }

  public static AuditedEntity resource(String reference) {
    return new AuditedEntity(reference, false);
  }

  /** @param id the Patient's id, or a reference {@code Patient/<id>} */
  public static AuditedEntity patient(String id) {
    return new AuditedEntity(id.startsWith("Patient/") ? id : "Patient/" + id, true);
  }
}
