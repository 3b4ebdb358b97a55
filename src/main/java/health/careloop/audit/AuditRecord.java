package health.careloop.audit;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entry of CareLoop's audit trail: who did what to which resources, when, and how it ended.
 * Ids only: references to resources ({@code Communication/123}, {@code Patient/abc}), a client id,
 * a FHIR interaction. Never a name, a phone number, message text or the values of a search.
 *
 * @param id the entry's id (also the AuditEvent's id on the façade)
 * @param recorded when it happened
 * @param interaction the FHIR interaction
 * @param resourceType the resource type acted on (the written one, or the one the façade was asked
 *     about); null for a server-level operation such as {@code $sync}
 * @param operation the operation's name ({@code $preview}, {@code $sync}, {@code $replay}) when the
 *     interaction is an operation, else null
 * @param outcome how it ended
 * @param clientId the façade client's id from its token; null when CareLoop itself acted (a write to
 *     the EHR) or when the request carried no valid token
 * @param entities the resources concerned, the patients among them marked as such
 * @param byCareLoop whether CareLoop itself acted (its writes to the EHR, its plans), rather than a
 *     caller of the façade (who may also attempt a create or update, refused)
 */
public record AuditRecord(String id, Instant recorded, AuditInteraction interaction, String resourceType,
    String operation, AuditOutcome outcome, String clientId, List<AuditedEntity> entities, boolean byCareLoop) {

  /**
   * An entry whose agent follows from its interaction: a create or update is CareLoop's own write,
   * anything else a façade caller's. A caller's attempted write says so with the full constructor.
   */
  public AuditRecord(String id, Instant recorded, AuditInteraction interaction, String resourceType,
      String operation, AuditOutcome outcome, String clientId, List<AuditedEntity> entities) {
    this(id, recorded, interaction, resourceType, operation, outcome, clientId, entities,
        interaction == AuditInteraction.CREATE || interaction == AuditInteraction.UPDATE);
  }

  public AuditRecord {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(recorded, "recorded");
    Objects.requireNonNull(interaction, "interaction");
    Objects.requireNonNull(outcome, "outcome");
    entities = List.copyOf(entities);
  }

  /** The patients this entry concerns (references {@code Patient/<id>}). */
  public List<String> patients() {
    return entities.stream().filter(AuditedEntity::patient).map(AuditedEntity::reference).toList();
  }
}
