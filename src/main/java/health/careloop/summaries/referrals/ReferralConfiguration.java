package health.careloop.summaries.referrals;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the pure referral rule from configuration. */
@Configuration(proxyBeanMethods = false)
class ReferralConfiguration {

  @Bean
  ReferralTaskRule referralTaskRule(ReferralProperties referrals) {
    return new ReferralTaskRule(referrals.overdueAfter());
  }
}
