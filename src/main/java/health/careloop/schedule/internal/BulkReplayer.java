package health.careloop.schedule.internal;

import health.careloop.schedule.PlannedMessageBulkReplay;
import health.careloop.schedule.PlannedMessageReplay;
import health.careloop.schedule.PlannedMessageView;
import health.careloop.schedule.ReplaySelection;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** {@link PlannedMessageBulkReplay}: the candidates read without locks, then each replayed under its own. */
@Component
class BulkReplayer implements PlannedMessageBulkReplay {

  private static final Logger log = LoggerFactory.getLogger(BulkReplayer.class);

  private final ReplayCandidates candidates;
  private final PlannedMessageReplay replays;

  BulkReplayer(ReplayCandidates candidates, PlannedMessageReplay replays) {
    this.candidates = candidates;
    this.replays = replays;
  }

  @Override
  public BulkReplay replayAll(ReplaySelection selection) {
    List<PlannedMessageView> replayed = new ArrayList<>();
    for (String id : candidates.oldestFirst(selection)) {
      if (replays.replay(id) instanceof PlannedMessageReplay.Result.Replayed r) {
        replayed.add(r.message());
      }
    }
    long remaining = candidates.count(selection);
    log.info("Bulk replay: {} message(s) replayed, {} more match", replayed.size(), remaining);
    return new BulkReplay(replayed, remaining);
  }
}
