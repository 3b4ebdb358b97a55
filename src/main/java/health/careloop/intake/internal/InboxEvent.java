package health.careloop.intake.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A notification from the EHR, stored before it is acknowledged. Unique by delivery: the same
 * version with the same lastUpdated and content, delivered twice, is stored once; the same version
 * with another lastUpdated or other content (a history the EHR rewrote) is stored again.
 */
@Entity
@Table(name = "inbox_event")
public class InboxEvent {

  enum Outcome { PENDING, PROCESSED, FAILED }

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  private Long id;

  @Column(name = "resource_type", nullable = false)
  private String resourceType;

  @Column(name = "resource_id", nullable = false)
  private String resourceId;

  @Column(name = "version_id", nullable = false)
  private String versionId;

  @Column(name = "last_updated")
  private Instant lastUpdated;

  /** See {@link DeliveryFingerprint}; null in rows stored before fingerprints were. */
  @Column
  private String fingerprint;

  /** This version had been received before with another lastUpdated or other content. */
  @Column(name = "rewrites_version", nullable = false)
  private boolean rewritesVersion;

  /**
   * The resource as the EHR sent it (JSON). Health data: kept in the database, never logged, and
   * purged (null) once processed and older than the retention ({@link InboxPayloadPurge}).
   */
  @Column(columnDefinition = "text")
  private String payload;

  @Column(name = "received_at", nullable = false)
  private Instant receivedAt;

  @Column(name = "processed_at")
  private Instant processedAt;

  @Column(nullable = false)
  private String outcome;

  /** Found by a catch-up search, not notified. */
  @Column(name = "caught_up", nullable = false)
  private boolean caughtUp;

  protected InboxEvent() {}

  InboxEvent(String resourceType, String resourceId, String versionId, Instant lastUpdated,
      String fingerprint, boolean rewritesVersion, String payload, Instant receivedAt) {
    this.resourceType = resourceType;
    this.resourceId = resourceId;
    this.versionId = versionId;
    this.lastUpdated = lastUpdated;
    this.fingerprint = fingerprint;
    this.rewritesVersion = rewritesVersion;
    this.payload = payload;
    this.receivedAt = receivedAt;
    this.outcome = Outcome.PENDING.name();
  }

  void finish(Outcome result, Instant now) {
    this.outcome = result.name();
    this.processedAt = now;
  }

  boolean isPending() {
    return Outcome.PENDING.name().equals(outcome);
  }

  Long id() { return id; }
  String resourceType() { return resourceType; }
  String resourceId() { return resourceId; }
  String versionId() { return versionId; }
  Instant lastUpdated() { return lastUpdated; }
  String fingerprint() { return fingerprint; }
  boolean rewritesVersion() { return rewritesVersion; }
  boolean caughtUp() { return caughtUp; }
  String payload() { return payload; }
}
