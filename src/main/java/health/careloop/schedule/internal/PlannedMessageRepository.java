package health.careloop.schedule.internal;

import health.careloop.schedule.PlannedMessageStatus;
import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface PlannedMessageRepository extends JpaRepository<PlannedMessage, String> {

  /**
   * Locks an appointment's messages in these statuses, in id order, as a dispatch locks a group:
   * a replan and a dispatch then take their locks in the same order and wait for each other
   * instead of deadlocking (a replan would otherwise withdraw a job while a dispatch holds its row).
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select m from PlannedMessage m where m.appointmentId = ?1 and m.status in ?2 order by m.id")
  List<PlannedMessage> findForUpdateByAppointmentIdAndStatusIn(
      String appointmentId, Collection<PlannedMessageStatus> statuses);

  /**
   * What {@link #findForUpdateByAppointmentIdAndStatusIn} finds for the statuses a replan weighs
   * ({@link PlannedMessages#LIVE}), on the path of every notification. The statuses are written in
   * the query, not passed: Hibernate keeps the plan of a query whose parameters are single values,
   * and makes the plan of one with a list parameter afresh at every call (a fifth of a notification's
   * planning time went on that).
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select m from PlannedMessage m where m.appointmentId = ?1 and m.status in (" + LIVE_STATUSES + ") order by m.id")
  List<PlannedMessage> findLiveForUpdateByAppointmentId(String appointmentId);

  /** {@link PlannedMessages#LIVE} as literals of a query. */
  String LIVE_STATUSES = "health.careloop.schedule.PlannedMessageStatus.PENDING,"
      + " health.careloop.schedule.PlannedMessageStatus.SENT,"
      + " health.careloop.schedule.PlannedMessageStatus.HANDED_TO_STAFF,"
      + " health.careloop.schedule.PlannedMessageStatus.PARKED";

  /** Locks an Encounter's messages in these statuses, in id order, as {@link #findForUpdateByAppointmentIdAndStatusIn}. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select m from PlannedMessage m where m.encounterId = ?1 and m.status in ?2 order by m.id")
  List<PlannedMessage> findForUpdateByEncounterIdAndStatusIn(
      String encounterId, Collection<PlannedMessageStatus> statuses);

  /** Locks the row: dispatch and replanning of one message never overlap. */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select m from PlannedMessage m where m.id = ?1")
  Optional<PlannedMessage> findForUpdate(String id);

  /** The group a message belongs to, read without loading (and so without caching) the message. */
  @Query("select m.groupKey from PlannedMessage m where m.id = ?1")
  Optional<String> findGroupKey(String id);

  /**
   * Locks the pending messages of a group, in id order so that two dispatches of the same group
   * wait for each other instead of deadlocking.
   */
  @Lock(LockModeType.PESSIMISTIC_WRITE)
  @Query("select m from PlannedMessage m where m.groupKey = ?1 and m.status = ?2 order by m.id")
  List<PlannedMessage> findGroupForUpdate(String groupKey, PlannedMessageStatus status);

  /** Whether there is a message with this key in any status but the given one. */
  boolean existsByMessageKeyAndStatusNot(String messageKey, PlannedMessageStatus status);
}
