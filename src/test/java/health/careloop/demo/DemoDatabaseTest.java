package health.careloop.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.FileSystemResource;

/**
 * The demo's sandbox EHR lives in memory and starts empty every run, handing out the same
 * appointment ids and versions again. CareLoop's demo database must start empty with it: one kept
 * from the previous run knows those ids and versions already.
 */
class DemoDatabaseTest {

  @Test
  void theDemoDatabase_isInMemory_likeTheSandboxEhr_soEveryRunStartsBothSidesEmpty() {
    YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
    yaml.setResources(new FileSystemResource("config/application-demo.yaml"));
    Properties demo = yaml.getObject();

    assertThat(demo.getProperty("spring.datasource.url")).startsWith("jdbc:h2:mem:");
  }
}
