package health.careloop.summaries.digest.internal;

import health.careloop.rules.MessageKind;
import health.careloop.schedule.DueMessage;
import health.careloop.schedule.DueMessageHandler;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Every message kind has exactly one {@link DueMessageHandler}; the digest's is this one. A digest is
 * written by its daily run ({@link DigestRun}) and never planned, so a planned one can only be a
 * mistake: it is skipped, never delivered through the patients' path.
 */
@Component
class DigestNeverPlanned implements DueMessageHandler {

  @Override
  public boolean handles(MessageKind kind) {
    return kind == MessageKind.CLINICIAN_DIGEST;
  }

  @Override
  public DispatchOutcome dispatch(DueMessage message, List<DueMessage> sameGroup) {
    return DispatchOutcome.skipped("a clinician digest is written by its daily run, never planned");
  }
}
