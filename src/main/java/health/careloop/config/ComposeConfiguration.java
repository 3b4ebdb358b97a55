package health.careloop.config;

import health.careloop.compose.MessageComposer;
import health.careloop.compose.TemplateCatalog;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Loads the templates at start-up, so a broken one stops CareLoop before it sends anything. */
@Configuration(proxyBeanMethods = false)
class ComposeConfiguration {

  @Bean
  TemplateCatalog templateCatalog(ComposeProperties properties) {
    return TemplateCatalog.load(properties.templatesDir(), properties.fallbackLanguage());
  }

  @Bean
  MessageComposer messageComposer(TemplateCatalog catalog, ComposeProperties properties) {
    return new MessageComposer(catalog, properties.fallbackLanguage(), properties.normalisedLanguageFallbacks(),
        properties.dateLocales());
  }
}
