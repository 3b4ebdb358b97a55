package health.careloop.summaries;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A patient's open work as the EHR holds it, read when a summary is written. References are
 * relative ({@code Task/12}), as the EHR knows them.
 *
 * @param complete false when the EHR held more than CareLoop reads in one go (see the reader): the
 *     summary then says that more open work is in the EHR than it lists
 */
public record OpenWork(List<OpenTask> tasks, List<Referral> referrals, List<PendingOrder> orders,
    List<UpcomingAppointment> appointments, boolean complete) {

  public OpenWork {
    tasks = List.copyOf(tasks);
    referrals = List.copyOf(referrals);
    orders = List.copyOf(orders);
    appointments = List.copyOf(appointments);
  }

  /**
   * Whether there is work to tell a clinician about. Upcoming appointments alone are not work (they
   * are booked and will happen); they are listed only beside work. Work cut short is never nothing.
   */
  public boolean hasWork() {
    return !tasks.isEmpty() || !referrals.isEmpty() || !orders.isEmpty() || !complete;
  }

  /** Whether any item is overdue. */
  public boolean anyOverdue() {
    return tasks.stream().anyMatch(OpenTask::overdue) || referrals.stream().anyMatch(Referral::overdue)
        || orders.stream().anyMatch(PendingOrder::overdue);
  }

  /** The references of everything listed, in the order of the lists. */
  public List<String> references() {
    List<String> references = new ArrayList<>();
    tasks.forEach(t -> references.add(t.reference()));
    referrals.forEach(r -> references.add(r.reference()));
    orders.forEach(o -> references.add(o.reference()));
    appointments.forEach(a -> references.add(a.reference()));
    return references;
  }

  /**
   * A Task not finished (draft, requested, received, accepted, ready, in-progress, on-hold).
   *
   * @param authoredOn when it was created; null when the EHR does not say
   * @param due {@code Task.restriction.period.end}, when it should be done by; null when none
   * @param overdue its due time has passed
   */
  public record OpenTask(String reference, String display, String status, Instant authoredOn,
      Instant due, boolean overdue) {}

  /**
   * An active referral with no booked (or attended) Appointment based on it.
   *
   * @param authoredOn when it was made; null when the EHR does not say (then never overdue)
   * @param overdue made longer ago than {@code careloop.summaries.referral-overdue}
   */
  public record Referral(String reference, String display, Instant authoredOn, boolean overdue) {}

  /**
   * An active order (a ServiceRequest that is no referral) with no result yet.
   *
   * @param authoredOn when it was made; null when the EHR does not say
   * @param occurrence when it is to be done ({@code occurrenceDateTime} or the period's start); null when not said
   * @param overdue see {@link OverdueRules#order}
   */
  public record PendingOrder(String reference, String display, Instant authoredOn,
      Instant occurrence, boolean overdue) {}

  /** One of the patient's next appointments. */
  public record UpcomingAppointment(String reference, String display, Instant start) {}
}
