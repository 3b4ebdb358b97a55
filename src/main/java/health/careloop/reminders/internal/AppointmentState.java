package health.careloop.reminders.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;
import health.careloop.rules.AppointmentKinds;
import health.careloop.rules.AppointmentSnapshot;
import health.careloop.rules.AppointmentStatus;
import health.careloop.rules.ResourceVersion;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The newest version of each Appointment CareLoop has planned from. */
@Entity
@Table(name = "appointment_state")
class AppointmentState implements Persistable<String> {

  @Id
  @Column(name = "appointment_id")
  private String appointmentId;

  @Column(name = "version_id", nullable = false)
  private String versionId;

  @Column(name = "last_updated")
  private Instant lastUpdated;

  @Column(nullable = false)
  private String status;

  @Column(name = "start_at")
  private Instant startAt;

  @Column(name = "location_id")
  private String locationId;

  /** Comma-separated: only compared, never queried. */
  @Column(name = "practitioner_ids")
  private String practitionerIds;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  /**
   * Whether this state was made here and never stored: Spring Data then inserts it at once. With an
   * id of its own (the Appointment's) and no version, Spring Data would otherwise take every state
   * for a stored one and merge it, reading the row it is about to insert first.
   */
  @Transient
  private boolean isNew;

  protected AppointmentState() {}

  AppointmentState(String appointmentId) {
    this.appointmentId = appointmentId;
    this.isNew = true;
  }

  @Override
  public String getId() {
    return appointmentId;
  }

  @Override
  public boolean isNew() {
    return isNew;
  }

  @PostLoad
  @PostPersist
  void stored() {
    this.isNew = false;
  }

  void record(AppointmentSnapshot appointment, Instant now) {
    this.versionId = appointment.version().versionId();
    this.lastUpdated = appointment.version().lastUpdated();
    this.status = appointment.status().name();
    this.startAt = appointment.start();
    this.locationId = appointment.locationId();
    this.practitionerIds = String.join(",", appointment.practitionerIds());
    this.updatedAt = now;
  }

  boolean isKnown() {
    return versionId != null;
  }

  /** What CareLoop last planned from, as far as deciding what changed needs it. */
  AppointmentSnapshot toSnapshot() {
    return new AppointmentSnapshot(appointmentId, new ResourceVersion(versionId, lastUpdated),
        AppointmentStatus.valueOf(status), startAt, List.of(), locationId,
        practitionerIds == null || practitionerIds.isEmpty() ? List.of() : List.of(practitionerIds.split(",")),
        AppointmentKinds.NONE, Set.of(), Set.of());
  }
}
