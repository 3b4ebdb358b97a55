package health.careloop.support;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * A context that only binds and validates configuration properties, as CareLoop's start-up does:
 * for the tests that check a group's defaults and that a bad value stops start-up naming its key.
 */
public final class PropertiesBinding {

  private PropertiesBinding() {}

  /** @param configuration a configuration class enabling the properties under test */
  public static ApplicationContextRunner runner(Class<?> configuration) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(ConfigurationPropertiesAutoConfiguration.class,
            ValidationAutoConfiguration.class))
        .withUserConfiguration(configuration);
  }
}
