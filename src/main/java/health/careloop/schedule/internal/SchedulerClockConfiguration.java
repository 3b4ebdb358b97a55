package health.careloop.schedule.internal;

import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** db-scheduler decides what is due with CareLoop's clock: the same one the planners use. */
@Configuration(proxyBeanMethods = false)
class SchedulerClockConfiguration {

  @Bean("dbSchedulerClock")
  com.github.kagkarlsson.scheduler.Clock dbSchedulerClock(Clock clock) {
    return clock::instant;
  }
}
