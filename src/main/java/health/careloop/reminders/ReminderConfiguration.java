package health.careloop.reminders;

import health.careloop.config.DeliveryProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Builds the pure planner from configuration. */
@Configuration(proxyBeanMethods = false)
class ReminderConfiguration {

  @Bean
  ReminderPlanner reminderPlanner(ReminderProperties reminders, DeliveryProperties delivery) {
    return new ReminderPlanner(new CadenceSelector(reminders.cadences(), reminders.defaultCadence()),
        reminders.confirmation(), delivery.quietHours().rule(), reminders.missed().policy(),
        reminders.declinedPatients());
  }
}
