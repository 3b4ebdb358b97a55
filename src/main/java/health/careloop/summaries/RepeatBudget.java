package health.careloop.summaries;

import health.careloop.summaries.OpenWork.OpenTask;
import health.careloop.summaries.OpenWork.PendingOrder;
import health.careloop.summaries.OpenWork.Referral;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The repeat budget: an open item (a Task, an unbooked referral, an order awaiting its result) told
 * to a clinician is not told to the same clinician again within {@code window}
 * ({@code careloop.summaries.repeat-after}), whether by a clinician summary or by the daily digest.
 * A clinician whose inbox repeats the same item at every visit of the patient, and in every morning's
 * digest, learns to skim past CareLoop's messages, the new urgent one included. Pure.
 *
 * <p>One change of state breaks the budget: an item told while not overdue that is overdue now is
 * told again (once, as overdue): being late is what the clinician must act on, and the earlier
 * message did not say it. Nothing else does: a changed description or due date of an item that is
 * still not overdue, or still overdue, is not news enough to repeat it. The window runs from the last
 * time the item was told; an item left out is not told, so its window is not renewed.
 *
 * <p>Upcoming appointments are context, not items: they are listed beside work as before, and never
 * count as news. A zero window switches the budget off.
 */
public record RepeatBudget(Duration window) {

  public RepeatBudget {
    if (window == null || window.isNegative()) {
      throw new IllegalArgumentException("the repeat window must be zero or positive");
    }
  }

  /**
   * The last time an item was told to a clinician within the window.
   *
   * @param overdue whether any telling of it within the window said it was overdue
   */
  public record Told(Instant at, boolean overdue) {}

  /** An item as told: its reference ({@code Task/12}) and whether it was overdue then. */
  public record Item(String reference, boolean overdue) {}

  /**
   * The open work with what was told already left out.
   *
   * @param kept what is still to be told (the upcoming appointments unchanged)
   * @param notRepeated the references left out, in the order of the lists
   */
  public record Folded(OpenWork kept, List<String> notRepeated) {

    public Folded {
      notRepeated = List.copyOf(notRepeated);
    }
  }

  /** From when on a telling still counts. */
  public Instant since(Instant now) {
    return now.minus(window);
  }

  /**
   * @param told what was told to this clinician, by reference, since {@link #since}(now)
   */
  public Folded fold(OpenWork work, Map<String, Told> told, Instant now) {
    if (window.isZero()) {
      return new Folded(work, List.of());
    }
    List<String> left = new ArrayList<>();
    Predicate<Item> repeat = item -> {
      Told before = told.get(item.reference());
      boolean leaveOut = before != null && before.at().isAfter(since(now)) && (before.overdue() || !item.overdue());
      if (leaveOut) {
        left.add(item.reference());
      }
      return !leaveOut;
    };
    List<OpenTask> tasks = work.tasks().stream().filter(t -> repeat.test(new Item(t.reference(), t.overdue()))).toList();
    List<Referral> referrals = work.referrals().stream()
        .filter(r -> repeat.test(new Item(r.reference(), r.overdue()))).toList();
    List<PendingOrder> orders = work.orders().stream()
        .filter(o -> repeat.test(new Item(o.reference(), o.overdue()))).toList();
    return new Folded(new OpenWork(tasks, referrals, orders, work.appointments(), work.complete()), left);
  }

  /** The items a message tells: its work, not its appointments. */
  public static List<Item> items(OpenWork work) {
    List<Item> items = new ArrayList<>();
    work.tasks().forEach(t -> items.add(new Item(t.reference(), t.overdue())));
    work.referrals().forEach(r -> items.add(new Item(r.reference(), r.overdue())));
    work.orders().forEach(o -> items.add(new Item(o.reference(), o.overdue())));
    return items;
  }

  /** The window in words for a clinician ("7 days", "12 hours"). */
  public String windowInWords() {
    if (window.toHours() % 24 == 0) {
      long days = window.toDays();
      return days + (days == 1 ? " day" : " days");
    }
    if (window.toMinutes() % 60 == 0) {
      long hours = window.toHours();
      return hours + (hours == 1 ? " hour" : " hours");
    }
    return window.toMinutes() + " minutes";
  }
}
