package health.careloop.summaries;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * What CareLoop has told each clinician, item by item, for the {@link RepeatBudget}: recorded when a
 * clinician summary or digest is written, kept in CareLoop's database ({@code internal}).
 */
public interface ToldItems {

  /**
   * The items told to {@code recipient} since {@code since}, by reference: for each the last time it
   * was told and whether any telling since then said it was overdue.
   */
  Map<String, RepeatBudget.Told> toldTo(String recipient, Instant since);

  /**
   * Records that {@code message} told these items to {@code recipient} at {@code at}. Tellings older
   * than {@code forgetBefore} are no longer needed and may be forgotten.
   */
  void record(String recipient, Collection<RepeatBudget.Item> items, String message, Instant at, Instant forgetBefore);
}
