package health.careloop.summaries.referrals;

import java.util.List;
import java.util.Optional;

/** Reads CareLoop's referral Tasks (for the façade). */
public interface ReferralTaskQuery {

  Optional<ReferralTaskView> byId(String id);

  /** One page, last changed first, then by id. */
  Page search(ReferralTaskSearch search, int offset, int count);

  record Page(List<ReferralTaskView> tasks, long total) {}
}
