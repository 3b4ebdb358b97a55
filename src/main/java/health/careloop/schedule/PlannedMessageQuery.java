package health.careloop.schedule;

import java.util.List;
import java.util.Optional;

/**
 * Read-only access to the plan: what the façade shows integrators. Nothing here changes a
 * planned message.
 */
public interface PlannedMessageQuery {

  Optional<PlannedMessageView> byId(String plannedMessageId);

  /**
   * One page of the messages matching {@code search}, ordered by due time (then id, so that pages
   * are stable), and how many match in all.
   *
   * @param offset how many matching messages to skip
   * @param limit the most to return; 0 counts only
   */
  Page search(PlannedMessageSearch search, int offset, int limit);

  /** A page of planned messages and the total number matching. */
  record Page(List<PlannedMessageView> messages, long total) {

    public Page {
      messages = List.copyOf(messages);
    }
  }
}
