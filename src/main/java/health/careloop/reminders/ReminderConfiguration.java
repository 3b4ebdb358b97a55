package health.careloop.reminders;

import health.careloop.config.DeliveryProperties;
import health.careloop.rules.DeclinedPatients;
import health.careloop.rules.MissedMessagePolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Builds the pure planner from configuration, and the appointment-message rules that the send-time
 * check (write-back) applies again: they are beans of {@code rules} types, so write-back needs no
 * knowledge of this package's configuration.
 */
@Configuration(proxyBeanMethods = false)
class ReminderConfiguration {

  @Bean
  MissedMessagePolicy missedMessagePolicy(ReminderProperties reminders) {
    return reminders.missed().policy();
  }

  @Bean
  DeclinedPatients declinedPatients(ReminderProperties reminders) {
    return reminders.declinedPatients();
  }

  @Bean
  ReminderPlanner reminderPlanner(ReminderProperties reminders, DeliveryProperties delivery,
      MissedMessagePolicy missed, DeclinedPatients declined) {
    return new ReminderPlanner(new CadenceSelector(reminders.cadences(), reminders.defaultCadence()),
        reminders.confirmation(), delivery.quietHours().rule(), missed, declined);
  }
}
