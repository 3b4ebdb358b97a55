package health.careloop.sandbox;

/** What the sandbox EHR's jars (test scope) do to other Spring contexts on the same classpath. */
public final class SandboxClasspath {

  /**
   * Auto-configurations that HAPI's JPA server jars (test scope, for the sandbox EHR) would switch
   * on in CareLoop's context. CareLoop's own classpath in production has none of them.
   */
  public static final String AUTO_CONFIGURATIONS_TO_EXCLUDE = String.join(",",
      "org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchClientAutoConfiguration",
      "org.springframework.boot.autoconfigure.elasticsearch.ElasticsearchRestClientAutoConfiguration",
      "org.springframework.boot.autoconfigure.data.elasticsearch.ElasticsearchDataAutoConfiguration",
      "org.springframework.boot.autoconfigure.data.elasticsearch.ElasticsearchRepositoriesAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.elasticsearch.ElasticsearchRestHealthContributorAutoConfiguration",
      "org.springframework.boot.autoconfigure.thymeleaf.ThymeleafAutoConfiguration",
      "org.springframework.boot.autoconfigure.quartz.QuartzAutoConfiguration",
      "org.springframework.boot.autoconfigure.gson.GsonAutoConfiguration",
      // Spring Authorization Server (test scope, for the access tests and the demo: TestAuthorizationServer)
      // would give CareLoop's context a key set of its own.
      "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration");

  /**
   * Everything another Spring Boot application on this classpath (CareLoop in the tests and the
   * demo) needs to be as it is in production: the exclusions above, springdoc (which HAPI brings)
   * switched off, and Hibernate Search kept out of its entity manager.
   */
  public static java.util.Map<String, String> propertiesForOtherApplications() {
    return java.util.Map.of(
        "spring.autoconfigure.exclude", AUTO_CONFIGURATIONS_TO_EXCLUDE,
        "springdoc.api-docs.enabled", "false",
        "springdoc.swagger-ui.enabled", "false",
        "spring.jpa.properties.hibernate.search.enabled", "false");
  }

  private SandboxClasspath() {}
}
