package health.careloop.reminders.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The newest version of each Appointment CareLoop has planned from. */
@Entity
@Table(name = "appointment_state")
class AppointmentState {

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

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  protected AppointmentState() {}

  AppointmentState(String appointmentId) {
    this.appointmentId = appointmentId;
  }

  void record(String versionId, Instant lastUpdated, String status, Instant startAt, Instant now) {
    this.versionId = versionId;
    this.lastUpdated = lastUpdated;
    this.status = status;
    this.startAt = startAt;
    this.updatedAt = now;
  }

  String versionId() { return versionId; }
  Instant lastUpdated() { return lastUpdated; }
}
