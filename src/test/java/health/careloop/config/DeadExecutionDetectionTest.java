package health.careloop.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.io.FileSystemResource;

/**
 * A job whose CareLoop died is run again within two minutes, not db-scheduler's default half hour
 * (heartbeat 5 min × 6 missed): whatever CareLoop was dispatching when it was killed or lost its
 * database is not held back that long. The fault tests show the revival itself
 * (KillDuringDispatchFaultIT, DatabaseRestartFaultIT); this pins the shipped settings.
 */
class DeadExecutionDetectionTest {

  private static final Duration WITHIN = Duration.ofMinutes(2);

  @Test
  void theShippedSettings_reviveADeadExecutionWithinTwoMinutes() {
    Properties settings = new Properties();
    // Built-in defaults, then the postgres profile and the hospital's config/, each overriding.
    for (String file : new String[] {"src/main/resources/application.yaml",
        "src/main/resources/application-postgres.yaml", "config/application.yaml"}) {
      settings.putAll(yaml(file));
    }
    Duration heartbeat = DurationStyle.detectAndParse(settings.getProperty("db-scheduler.heartbeat-interval", "5m"));
    int missed = Integer.parseInt(settings.getProperty("db-scheduler.missed-heartbeats-limit", "6"));

    assertThat(heartbeat.multipliedBy(missed)).isLessThanOrEqualTo(WITHIN);
    assertThat(heartbeat).as("not so short that a busy but live execution looks dead").isGreaterThanOrEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aNotificationWaitsForADatabaseConnection_lessThanTheEhrWaitsForTheAnswer() {
    Properties settings = yaml("src/main/resources/application.yaml");
    long millis = Long.parseLong(settings.getProperty("spring.datasource.hikari.connection-timeout", "30000"));
    // HAPI's rest-hook client gives up after 10 s: the 503 must reach it before.
    assertThat(Duration.ofMillis(millis)).isLessThan(Duration.ofSeconds(10));
  }

  private static Properties yaml(String path) {
    YamlPropertiesFactoryBean factory = new YamlPropertiesFactoryBean();
    factory.setResources(new FileSystemResource(path));
    return factory.getObject();
  }
}
