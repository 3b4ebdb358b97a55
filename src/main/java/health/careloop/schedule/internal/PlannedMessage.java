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
import java.util.List;
import java.util.UUID;

/** One message CareLoop has planned, with what became of it. Rows are never deleted. */
@Entity
@Table(name = "planned_message")
public class PlannedMessage {

  private static final char JOB_NUMBER = '#';
  private static final String CONTENT_SEPARATOR = "\n";
  /** The length of the {@code status_reason} column. */
  static final int STATUS_REASON_LENGTH = 500;

  @Id
  private String id;

  @Column(name = "message_key", nullable = false)
  private String messageKey;

  @Column(nullable = false)
  private String kind;

  /** Null for a follow-up, which is about {@link #encounterId} instead. */
  @Column(name = "appointment_id")
  private String appointmentId;

  @Column(name = "encounter_id")
  private String encounterId;

  /** A follow-up's content items, one per line ({@link MessageDraft#content()}); null for others. */
  @Column(name = "content")
  private String content;

  @Column(name = "draft_content", nullable = false)
  private boolean draftContent;

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

  @Column(name = "status_reason", length = STATUS_REASON_LENGTH)
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

  /** How often its due time was moved at send time; numbers its dispatch job ({@link #jobId()}). */
  @Column(nullable = false)
  private int deferrals;

  /**
   * The dispatch job sending it now, outside any transaction ({@link #claim}); null when none is.
   * While the claim holds, a replan does not revoke it: it waits for the send's outcome.
   */
  @Column(name = "claimed_by")
  private String claimedBy;

  /** Until when {@link #claimedBy}'s claim holds, should its job never end it (it always does unless killed). */
  @Column(name = "claimed_until")
  private Instant claimedUntil;

  /**
   * A wrapper, null until stored: Spring Data then tells a new message from a stored one by it and
   * inserts a new one at once (with a primitive it merged, reading the row it was about to insert first).
   */
  @Version
  private Long version;

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
    m.encounterId = draft.encounterId();
    m.content = draft.content().isEmpty() ? null : String.join(CONTENT_SEPARATOR, draft.content());
    m.draftContent = draft.draftContent();
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
    statusReason = fitted(reason);
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

  /** @param reason the EHR's refusal: HTTP status and issue code, nothing of the message */
  void park(String reason, Instant now) {
    close(PlannedMessageStatus.PARKED, reason, now);
  }

  /**
   * A parked message no longer wanted (its appointment cancelled, say) is withdrawn as a pending
   * one would be: it can no longer be replayed.
   */
  void revokeParked(String reason, Instant now) {
    if (status != PlannedMessageStatus.PARKED) {
      throw new IllegalStateException("Planned message " + id + " is " + status + ", not parked");
    }
    status = PlannedMessageStatus.REVOKED;
    statusReason = fitted(reason);
    updatedAt = now;
  }

  /** Whether an operator may replay it ({@link #replay}). */
  boolean isReplayable() {
    return status == PlannedMessageStatus.PARKED || status == PlannedMessageStatus.FAILED;
  }

  /**
   * Parked or failed → pending again, due {@code now}, with a new dispatch job ({@link #jobId()}):
   * the old one is used up, and should a crash revive it, it finds it no longer names the message.
   * The reason says what it was, as a deferral's does.
   */
  void replay(Instant now) {
    if (!isReplayable()) {
      throw new IllegalStateException("Planned message " + id + " is " + status + ": only parked or failed replays");
    }
    statusReason = fitted("replayed at " + now + " after it was " + status.name().toLowerCase(java.util.Locale.ROOT)
        + (statusReason == null ? "" : ": " + statusReason));
    status = PlannedMessageStatus.PENDING;
    dueAt = now;
    deferrals++;
    updatedAt = now;
  }

  /**
   * A reason cut to its column's {@value #STATUS_REASON_LENGTH} characters: reasons are built from
   * several parts (a skip for the patient and the guardian, an EHR's refusal), and one too long
   * would make the outcome's commit fail, so the message would be sent again and again.
   */
  private static String fitted(String reason) {
    return reason == null || reason.length() <= STATUS_REASON_LENGTH ? reason : reason.substring(0, STATUS_REASON_LENGTH);
  }

  DueMessage toDueMessage() {
    return new DueMessage(id, messageKey, MessageKind.fromCode(kind), appointmentId, patientId,
        appointmentStart, dueAt, previousStart, onlyIfUnconfirmed, guardian, encounterId, contentItems(), draftContent);
  }

  /** What it is made of ({@link MessageDraft#content()}); empty for a message written from a template. */
  List<String> contentItems() {
    return content == null ? List.of() : List.of(content.split(CONTENT_SEPARATOR));
  }

  /**
   * Not now: the same message, still pending, is due at {@code until} instead. The reason stays
   * with it (the façade shows it) until it is sent or otherwise closed, and it gets a new dispatch
   * job ({@link #jobId()}): the one that found it due is used up.
   */
  void deferTo(Instant until, String reason, Instant now) {
    if (status != PlannedMessageStatus.PENDING) {
      throw new IllegalStateException("Planned message " + id + " is already " + status);
    }
    statusReason = fitted("deferred from " + dueAt + ": " + reason);
    dueAt = until;
    deferrals++;
    updatedAt = now;
  }

  /**
   * The id of the db-scheduler job that dispatches it now: its own id until its first deferral,
   * then {@code <id>#<deferrals>}.
   *
   * <p>Why a deferral takes a new job instead of moving the old one: the deferral happens inside
   * that job's own execution, and db-scheduler will not move an execution that is running
   * ({@code reschedule} throws {@code TaskInstanceCurrentlyExecutingException}, {@code
   * scheduleIfNotExists} finds it there and does nothing) and removes it once the handler returns.
   * A CompletionHandler could reschedule it then, but only after the deferral's transaction has
   * committed and in a transaction of its own: a crash in between would leave the moved message
   * with a dead execution alone, run again only after db-scheduler's missed-heartbeat timeout. The
   * new job is inserted in the transaction that moves the due time, so both are stored or neither
   * is; the used-up job, should a crash revive it, finds it no longer names the message's job and
   * does nothing.
   */
  String jobId() {
    return deferrals == 0 ? id : id + JOB_NUMBER + deferrals;
  }

  /** Whether {@code jobId} is the job that dispatches this message now (not one a deferral used up). */
  boolean isDispatchedBy(String jobId) {
    return jobId().equals(jobId);
  }

  /** The planned message a dispatch job ({@link #jobId()}) is for. */
  static String idOfJob(String jobId) {
    int number = jobId.indexOf(JOB_NUMBER);
    return number < 0 ? jobId : jobId.substring(0, number);
  }

  /** Dispatch job {@code jobId} is sending it (or its group's leader, which may list it) until {@code until}. */
  void claim(String jobId, Instant until) {
    claimedBy = jobId;
    claimedUntil = until;
  }

  /** The send that claimed it is over, whatever became of it. */
  void release() {
    claimedBy = null;
    claimedUntil = null;
  }

  boolean isClaimedBy(String jobId) {
    return jobId.equals(claimedBy);
  }

  /** Whether a dispatch is sending it now: its claim holds. */
  boolean isBeingSent(Instant now) {
    return claimedBy != null && claimedUntil.isAfter(now);
  }

  /**
   * Whether another job than {@code jobId} is sending it now. The same job's claim is one a crash
   * left behind: db-scheduler runs a job again only once its previous run is dead.
   */
  boolean isBeingSentByAnother(String jobId, Instant now) {
    return isBeingSent(now) && !isClaimedBy(jobId);
  }

  public String id() { return id; }
  public String messageKey() { return messageKey; }
  /** The message kind's code, e.g. {@code appointment-reminder}. */
  public String kind() { return kind; }
  public String appointmentId() { return appointmentId; }
  /** The Encounter a follow-up is about; null for a message about an Appointment. */
  public String encounterId() { return encounterId; }
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
