package health.careloop.intake;

import java.time.Instant;
import java.util.Optional;

/** Searches the EHR for what its notifications may have missed and feeds it into the inbox. */
public interface CatchUp {

  /**
   * Catches up now. {@code since}: search changes from then on instead of from the watermark (the
   * watermark still only moves forward).
   */
  Result catchUp(Optional<Instant> since);

  /**
   * @param found resources the searches returned
   * @param accepted those that were new to the inbox (the others had been received already)
   */
  record Result(int found, int accepted) {}
}
