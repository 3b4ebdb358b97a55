package health.careloop.schedule.internal;

import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.MessageDraft;
import health.careloop.schedule.PlannedMessageStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.UUID;

/** One message CareLoop has planned, with what became of it. Rows are never deleted. */
@Entity
@Table(name = "planned_message")
public class PlannedMessage {

  @Id
  private String id;

  @Column(name = "message_key", nullable = false)
  private String messageKey;

  @Column(nullable = false)
  private String kind;

  @Column(name = "appointment_id", nullable = false)
  private String appointmentId;

  @Column(name = "patient_id", nullable = false)
  private String patientId;

  @Column(name = "appointment_start")
  private Instant appointmentStart;

  @Column(name = "due_at", nullable = false)
  private Instant dueAt;

  @Column(name = "previous_start")
  private Instant previousStart;

  @Column(name = "only_if_unconfirmed", nullable = false)
  private boolean onlyIfUnconfirmed;

  @Column(name = "preferred_channel")
  private String preferredChannel;

  @Column(name = "guardian")
  private String guardian;

  @Column(name = "group_key")
  private String groupKey;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  private PlannedMessageStatus status;

  @Column(name = "status_reason")
  private String statusReason;

  @Column(name = "communication_id")
  private String communicationId;

  /** The Task for staff written instead of the message (status HANDED_TO_STAFF). */
  @Column(name = "task_id")
  private String taskId;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  private Instant updatedAt;

  @Version
  private long version;

  protected PlannedMessage() {}

  static PlannedMessage pending(MessageDraft draft, Instant now) {
    PlannedMessage m = new PlannedMessage();
    m.id = UUID.randomUUID().toString();
    m.messageKey = draft.messageKey();
    m.kind = draft.kind().code();
    m.appointmentId = draft.appointmentId();
    m.patientId = draft.patientId();
    m.appointmentStart = draft.appointmentStart();
    m.dueAt = draft.dueAt();
    m.previousStart = draft.previousStart();
    m.onlyIfUnconfirmed = draft.onlyIfUnconfirmed();
    m.preferredChannel = draft.preferredChannel();
    m.guardian = draft.guardian();
    m.groupKey = draft.groupKey();
    m.status = PlannedMessageStatus.PENDING;
    m.createdAt = now;
    m.updatedAt = now;
    return m;
  }

  void close(PlannedMessageStatus newStatus, String reason, Instant now) {
    if (status != PlannedMessageStatus.PENDING) {
      throw new IllegalStateException("Planned message " + id + " is already " + status);
    }
    status = newStatus;
    statusReason = reason;
    updatedAt = now;
  }

  /** @param note what happened that the plan did not say; null when it went as planned */
  void markSent(String communicationId, String note, Instant now) {
    close(PlannedMessageStatus.SENT, note, now);
    this.communicationId = communicationId;
  }

  /**
   * Done as another message of its group was (sent, or handed to staff), whose text listed this
   * appointment too: the same status, Communication or Task.
   */
  void closeWith(PlannedMessage leader, Instant now) {
    String how = leader.status == PlannedMessageStatus.SENT ? "sent" : "handed to staff";
    close(leader.status, how + " with " + leader.messageKey + ", which lists this appointment too", now);
    this.communicationId = leader.communicationId;
    this.taskId = leader.taskId;
  }

  /** @param reason why CareLoop could not deliver it */
  void markHandedToStaff(String taskId, String reason, Instant now) {
    close(PlannedMessageStatus.HANDED_TO_STAFF, reason, now);
    this.taskId = taskId;
  }


  DueMessage toDueMessage() {
    return new DueMessage(id, messageKey, MessageKind.fromCode(kind), appointmentId, patientId,
        appointmentStart, dueAt, previousStart, onlyIfUnconfirmed, guardian);
  }

  /** The same message again, due later: what a deferral leaves behind the closed original. */
  PlannedMessage deferredTo(Instant newDueAt, Instant now) {
    return pending(new MessageDraft(messageKey, MessageKind.fromCode(kind), appointmentId, patientId,
        appointmentStart, newDueAt, previousStart, onlyIfUnconfirmed, preferredChannel, guardian, groupKey), now);
  }

  public String id() { return id; }
  public String messageKey() { return messageKey; }
  /** The message kind's code, e.g. {@code appointment-reminder}. */
  public String kind() { return kind; }
  public String appointmentId() { return appointmentId; }
  public String patientId() { return patientId; }
  public Instant dueAt() { return dueAt; }
  public PlannedMessageStatus status() { return status; }
  public String statusReason() { return statusReason; }
  public String communicationId() { return communicationId; }
  public String taskId() { return taskId; }
  public String preferredChannel() { return preferredChannel; }
  /** The guardian it goes to ({@link MessageDraft#guardian()}); null when it goes to the patient. */
  public String guardian() { return guardian; }
  public String groupKey() { return groupKey; }
  public Instant createdAt() { return createdAt; }
  public Instant updatedAt() { return updatedAt; }
}
