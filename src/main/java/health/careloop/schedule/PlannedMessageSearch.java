package health.careloop.schedule;

import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Which planned messages to find. Every criterion narrows the result (they are AND-ed); within
 * one criterion the values are alternatives (OR).
 *
 * <p>A set that is {@code null} does not restrict; an empty set matches nothing (e.g. two
 * different patients required at once). Restricting twice keeps what both allow.
 *
 * @param patientIds logical ids of the Patient the message is for
 * @param appointmentIds logical ids of the Appointment it is about
 * @param statuses what became of it
 * @param messageKeys deterministic message keys
 * @param dueFrom earliest due time, inclusive; null for no lower bound
 * @param dueBefore due time upper bound, exclusive; null for no upper bound
 */
public record PlannedMessageSearch(
    Set<String> patientIds,
    Set<String> appointmentIds,
    Set<PlannedMessageStatus> statuses,
    Set<String> messageKeys,
    Instant dueFrom,
    Instant dueBefore) {

  public PlannedMessageSearch {
    patientIds = patientIds == null ? null : Set.copyOf(patientIds);
    appointmentIds = appointmentIds == null ? null : Set.copyOf(appointmentIds);
    statuses = statuses == null ? null : Set.copyOf(statuses);
    messageKeys = messageKeys == null ? null : Set.copyOf(messageKeys);
  }

  /** Every planned message. */
  public static PlannedMessageSearch all() {
    return new PlannedMessageSearch(null, null, null, null, null, null);
  }

  public PlannedMessageSearch withPatientIn(Set<String> anyOf) {
    return new PlannedMessageSearch(narrow(patientIds, anyOf), appointmentIds, statuses, messageKeys, dueFrom, dueBefore);
  }

  public PlannedMessageSearch withAppointmentIn(Set<String> anyOf) {
    return new PlannedMessageSearch(patientIds, narrow(appointmentIds, anyOf), statuses, messageKeys, dueFrom, dueBefore);
  }

  public PlannedMessageSearch withStatusIn(Set<PlannedMessageStatus> anyOf) {
    return new PlannedMessageSearch(patientIds, appointmentIds, narrow(statuses, anyOf), messageKeys, dueFrom, dueBefore);
  }

  public PlannedMessageSearch withMessageKeyIn(Set<String> anyOf) {
    return new PlannedMessageSearch(patientIds, appointmentIds, statuses, narrow(messageKeys, anyOf), dueFrom, dueBefore);
  }

  /** Due at or after {@code from}. */
  public PlannedMessageSearch withDueFrom(Instant from) {
    Instant later = dueFrom == null || from.isAfter(dueFrom) ? from : dueFrom;
    return new PlannedMessageSearch(patientIds, appointmentIds, statuses, messageKeys, later, dueBefore);
  }

  /** Due strictly before {@code before}. */
  public PlannedMessageSearch withDueBefore(Instant before) {
    Instant earlier = dueBefore == null || before.isBefore(dueBefore) ? before : dueBefore;
    return new PlannedMessageSearch(patientIds, appointmentIds, statuses, messageKeys, dueFrom, earlier);
  }

  /** True when the criteria contradict each other, so that nothing can match. */
  public boolean matchesNothing() {
    return isEmpty(patientIds) || isEmpty(appointmentIds) || isEmpty(statuses) || isEmpty(messageKeys)
        || (dueFrom != null && dueBefore != null && !dueFrom.isBefore(dueBefore));
  }

  private static boolean isEmpty(Set<?> set) {
    return set != null && set.isEmpty();
  }

  private static <T> Set<T> narrow(Set<T> current, Set<T> anyOf) {
    if (current == null) {
      return anyOf;
    }
    Set<T> both = new HashSet<>(current);
    both.retainAll(anyOf);
    return both;
  }
}
