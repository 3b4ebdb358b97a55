package health.careloop.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.env.RandomValuePropertySource;
import org.springframework.core.env.PropertiesPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * No secret anyone can read in CareLoop's files works as one: the defaults in config/ are refused,
 * docker-compose has none (it stops until the operator's .env sets them), and the demo makes its
 * own afresh every run.
 */
class ShippedSecretsTest {

  private static final String[] SECRET_KEYS = {"careloop.subscriptions.secret", "careloop.contact-keys.secret"};

  @Test
  void theDefaultsInConfigApplicationYaml_arePlaceholders_thatStartUpRefuses() {
    Properties config = yaml("config/application.yaml");
    for (String key : SECRET_KEYS) {
      String value = config.getProperty(key);
      assertThat(value).as(key).matches("\\$\\{CARELOOP_[A-Z_]+:.+}");
      String shipped = value.substring(value.indexOf(':') + 1, value.length() - 1);
      assertThat(SecretStrength.weakness(shipped)).as(key + " default").hasValue("is a placeholder, not a secret");
    }
  }

  @Test
  void dockerCompose_hasNoSecret_andStopsWithAMessageWhileTheOperatorsEnvFileLacksOne() {
    Properties compose = yaml("docker-compose.yml");
    for (String variable : new String[] {"CARELOOP_SUBSCRIPTION_SECRET", "CARELOOP_CONTACT_KEY_SECRET"}) {
      assertThat(compose.getProperty("services.careloop.environment." + variable)).as(variable)
          .matches("\\$\\{" + variable + ":\\?.*openssl rand -base64 48.*}");
    }
  }

  @Test
  void dockerCompose_givesCareLoopsFhirBase_fromWhichTheHookIsDerived() {
    assertThat(yaml("docker-compose.yml").getProperty("services.careloop.environment.CARELOOP_PUBLIC_FHIR_URL"))
        .isEqualTo("http://careloop:8080/fhir");
  }

  @Test
  void theOperatorsEnvFile_isNeverCommitted() throws IOException {
    assertThat(Files.readAllLines(Path.of(".gitignore"))).contains(".env");
  }

  @Test
  void theDemo_makesItsOwnSecretsEveryRun_andTheyPass() {
    Set<String> seen = new HashSet<>();
    for (int run = 0; run < 500; run++) {
      StandardEnvironment demo = new StandardEnvironment();
      demo.getPropertySources().addFirst(new PropertiesPropertySource("demo", yaml("config/application-demo.yaml")));
      RandomValuePropertySource.addToEnvironment(demo);
      for (String key : SECRET_KEYS) {
        String secret = demo.getProperty(key);
        assertThat(SecretStrength.weakness(secret)).as(key).isEmpty();
        assertThat(seen.add(secret)).as("a new %s every run", key).isTrue();
      }
    }
  }

  private static Properties yaml(String file) {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new FileSystemResource(file));
    return yaml.getObject();
  }
}
