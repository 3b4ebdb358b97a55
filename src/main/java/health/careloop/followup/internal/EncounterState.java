package health.careloop.followup.internal;

import health.careloop.rules.EncounterSnapshot;
import health.careloop.rules.ResourceVersion;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The newest version of each Encounter CareLoop has planned follow-ups from. */
@Entity
@Table(name = "encounter_state")
class EncounterState {

  @Id
  @Column(name = "encounter_id")
  private String encounterId;

  @Column(name = "version_id", nullable = false)
  private String versionId;

  @Column(name = "last_updated")
  private Instant lastUpdated;

  @Column(nullable = false)
  private String status;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected EncounterState() {}

  EncounterState(String encounterId) {
    this.encounterId = encounterId;
  }

  void record(EncounterSnapshot encounter, Instant now) {
    this.versionId = encounter.version().versionId();
    this.lastUpdated = encounter.version().lastUpdated();
    this.status = encounter.status() == null ? "unknown" : encounter.status();
    this.updatedAt = now;
  }

  boolean isKnown() {
    return versionId != null;
  }

  ResourceVersion version() {
    return new ResourceVersion(versionId, lastUpdated);
  }
}
