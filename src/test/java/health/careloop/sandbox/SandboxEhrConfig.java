package health.careloop.sandbox;

import ca.uhn.fhir.batch2.jobs.config.Batch2JobsConfig;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.config.ThreadPoolFactoryConfig;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.batch2.JpaBatch2Config;
import ca.uhn.fhir.jpa.binary.api.IBinaryStorageSvc;
import ca.uhn.fhir.jpa.binstore.MemoryBinaryStorageSvcImpl;
import ca.uhn.fhir.jpa.config.HapiJpaConfig;
import ca.uhn.fhir.jpa.config.r4.JpaR4Config;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.model.dialect.HapiFhirH2Dialect;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.provider.JpaSystemProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.jpa.subscription.channel.config.SubscriptionChannelConfig;
import ca.uhn.fhir.jpa.subscription.match.config.SubscriptionProcessorConfig;
import ca.uhn.fhir.jpa.subscription.match.deliver.email.IEmailSender;
import ca.uhn.fhir.jpa.subscription.submit.config.SubscriptionSubmitterConfig;
import ca.uhn.fhir.jpa.subscription.submit.interceptor.SynchronousSubscriptionMatcherInterceptor;
import ca.uhn.fhir.jpa.util.LoggingEmailSender;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import com.zaxxer.hikari.HikariConfig;
import ca.uhn.fhir.jpa.topic.SubscriptionTopicConfig;
import com.zaxxer.hikari.HikariDataSource;
import jakarta.persistence.EntityManagerFactory;
import java.util.Properties;
import javax.sql.DataSource;
import org.hl7.fhir.dstu2.model.Subscription.SubscriptionChannelType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.context.support.PropertySourcesPlaceholderConfigurer;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * Spring configuration of the sandbox EHR: a HAPI FHIR JPA server (R4, H2 in memory, rest-hook
 * Subscriptions), wired by hand. Deliberately no {@code @EnableAutoConfiguration} and no component
 * scan: only what is imported or declared here is in the sandbox's context (why: docs/sandbox-ehr.md).
 *
 * <p>Reads its settings from the sandbox's own environment ({@link SandboxEhr} passes them as the
 * application's default properties): {@value #PROP_PORT}, {@value #PROP_DB_URL},
 * {@value #PROP_FAST_DELIVERY}.
 */
@Configuration
@Import({
  JpaR4Config.class,
  HapiJpaConfig.class,
  SubscriptionSubmitterConfig.class,
  SubscriptionProcessorConfig.class,
  SubscriptionChannelConfig.class,
  ThreadPoolFactoryConfig.class,
  JpaBatch2Config.class,
  Batch2JobsConfig.class
  // Not SearchParamSubmitterConfig: its beans clash by name with the ones above.
})
class SandboxEhrConfig {

  static final String PROP_PORT = "careloop.sandbox.port";
  static final String PROP_DB_URL = "careloop.sandbox.db-url";
  static final String PROP_FAST_DELIVERY = "careloop.sandbox.fast-delivery";
  static final String PROP_TOPICS = "careloop.sandbox.topics";

  /**
   * Topic-based Subscriptions (the R4 Subscriptions Backport IG), off unless {@value #PROP_TOPICS} is
   * true: HAPI matches R4 Subscriptions on topics only with its topic configuration, whose topics
   * are {@code Basic} resources ({@link SandboxEhr#startWithTopics}).
   */
  @Configuration
  @ConditionalOnProperty(name = PROP_TOPICS, havingValue = "true")
  @Import(SubscriptionTopicConfig.class)
  static class TopicSupport {}

  /** Resolves the {@code ${...}} placeholders in HAPI's own configuration classes. */
  @Bean
  static PropertySourcesPlaceholderConfigurer propertySourcesPlaceholderConfigurer() {
    return new PropertySourcesPlaceholderConfigurer();
  }

  @Bean
  TomcatServletWebServerFactory servletWebServerFactory(Environment env) {
    TomcatServletWebServerFactory factory = new TomcatServletWebServerFactory();
    factory.setPort(env.getRequiredProperty(PROP_PORT, Integer.class));
    factory.setDisplayName("careloop-sandbox-ehr");
    return factory;
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(Environment env) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(env.getRequiredProperty(PROP_DB_URL));
    config.setUsername("sa");
    config.setPassword("");
    config.setPoolName("careloop-sandbox-ehr");
    config.setMaximumPoolSize(20);
    return new HikariDataSource(config);
  }

  @Bean
  JpaStorageSettings storageSettings(Environment env) {
    JpaStorageSettings settings = new JpaStorageSettings();
    if (!env.getRequiredProperty(PROP_FAST_DELIVERY, Boolean.class)) {
      // The demo: a newcomer refreshing Communication?_sort=-_lastUpdated must see new reminders
      // at once, not HAPI's cached answer of up to a minute ago. Tests keep HAPI's default cache,
      // as a real EHR may have one: CareLoop's own searches ask for no-cache.
      settings.setReuseCachedSearchResultsForMillis(null);
    }
    // HAPI defaults kept on purpose: client-assigned ids allowed (ALPHANUMERIC), delete enabled,
    // referential integrity enforced on write. No full-text indexing (no Lucene/Elasticsearch).
    settings.setAdvancedHSearchIndexing(false);
    settings.setHibernateSearchIndexSearchParams(false);
    settings.setExpungeEnabled(true);
    return settings;
  }

  @Bean
  PartitionSettings partitionSettings() {
    return new PartitionSettings();
  }

  @Bean
  SubscriptionSettings subscriptionSettings(Environment env) {
    SubscriptionSettings settings = new SubscriptionSettings();
    settings.addSupportedSubscriptionType(SubscriptionChannelType.RESTHOOK);
    if (env.getRequiredProperty(PROP_FAST_DELIVERY, Boolean.class)) {
      settings.setSubscriptionChangeQueuedImmediately(true);
    } else {
      // Demo: flush the queued changes every 0.5 s instead of HAPI's default 5 s.
      settings.setSubscriptionIntervalInMs(500);
    }
    return settings;
  }

  /** Tests: match and deliver in the writing thread's after-commit (20-125 ms instead of up to 5 s). */
  @Bean
  @Primary
  @ConditionalOnProperty(name = PROP_FAST_DELIVERY, havingValue = "true")
  SynchronousSubscriptionMatcherInterceptor synchronousSubscriptionMatcherInterceptor() {
    return new SynchronousSubscriptionMatcherInterceptor();
  }

  @Bean
  @Primary
  LocalContainerEntityManagerFactoryBean entityManagerFactory(
      ConfigurableListableBeanFactory beanFactory,
      FhirContext fhirContext,
      JpaStorageSettings storageSettings,
      DataSource dataSource) {
    LocalContainerEntityManagerFactoryBean factory =
        HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
    factory.setPersistenceUnitName("CARELOOP_SANDBOX_EHR");
    factory.setDataSource(dataSource);
    Properties jpa = new Properties();
    jpa.put("hibernate.dialect", HapiFhirH2Dialect.class.getName());
    jpa.put("hibernate.hbm2ddl.auto", "update");
    jpa.put("hibernate.search.enabled", "false");
    jpa.put("hibernate.show_sql", "false");
    jpa.put("hibernate.format_sql", "false");
    jpa.put("hibernate.jdbc.batch_size", "20");
    jpa.put("hibernate.cache.use_query_cache", "false");
    jpa.put("hibernate.cache.use_second_level_cache", "false");
    factory.setJpaProperties(jpa);
    return factory;
  }

  @Bean
  @Primary
  JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
    return new JpaTransactionManager(entityManagerFactory);
  }

  @Bean
  IEmailSender emailSender() {
    return new LoggingEmailSender();
  }

  @Bean
  IBinaryStorageSvc binaryStorageSvc() {
    return new MemoryBinaryStorageSvcImpl();
  }

  @Bean
  RestfulServer restfulServer(
      FhirContext fhirContext,
      ResourceProviderFactory resourceProvidersR4,
      JpaSystemProvider<Bundle, Meta> systemProvider,
      IFhirSystemDao<Bundle, Meta> systemDao,
      JpaStorageSettings storageSettings,
      ISearchParamRegistry searchParamRegistry,
      IValidationSupport validationSupport,
      DatabaseBackedPagingProvider pagingProvider) {
    RestfulServer server = new RestfulServer(fhirContext);
    server.registerProviders(resourceProvidersR4.createProviders());
    server.registerProvider(systemProvider);
    server.setServerConformanceProvider(
        new JpaCapabilityStatementProvider(
            server, systemDao, storageSettings, searchParamRegistry, validationSupport));
    server.setPagingProvider(pagingProvider);
    server.setDefaultResponseEncoding(EncodingEnum.JSON);
    return server;
  }

  @Bean
  ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer restfulServer) {
    ServletRegistrationBean<RestfulServer> registration =
        new ServletRegistrationBean<>(restfulServer, "/fhir/*");
    registration.setName("careloop-sandbox-fhir");
    registration.setLoadOnStartup(1);
    return registration;
  }
}
