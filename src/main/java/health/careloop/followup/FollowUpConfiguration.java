package health.careloop.followup;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.compose.ContentTexts;
import health.careloop.followup.internal.ContentLoader;
import health.careloop.followup.internal.LibraryTexts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Loads the follow-up content library at start-up (a singleton bean, created eagerly), so bad content
 * stops CareLoop, naming the file, before it could ever be sent.
 */
@Configuration(proxyBeanMethods = false)
class FollowUpConfiguration {

  private static final Logger log = LoggerFactory.getLogger(FollowUpConfiguration.class);

  @Bean
  ContentLibrary followUpContentLibrary(FhirContext fhirContext, FollowUpProperties properties) {
    ContentLibrary library = new ContentLoader(fhirContext).load(properties.contentDir());
    log.info("Follow-up content: {} items loaded from {}", library.items().size(), properties.contentDir());
    return library;
  }

  @Bean
  FollowUpSelector followUpSelector(ContentLibrary followUpContentLibrary, FollowUpProperties properties) {
    if (properties.allowDraftContent()) {
      log.warn("careloop.followup.allow-draft-content is true: follow-up items whose clinical review is not"
          + " current can be selected (flagged as draft). Not for real patients.");
    }
    return new FollowUpSelector(followUpContentLibrary, properties.allowDraftContent());
  }

  /** The texts of follow-ups at send time, for write-back (which does not know the library). */
  @Bean
  ContentTexts followUpTexts(ContentLibrary followUpContentLibrary, FollowUpProperties properties) {
    return new LibraryTexts(followUpContentLibrary, properties.allowDraftContent(), properties.lateLimit());
  }

  @Bean
  FollowUpPlanner followUpPlanner(FollowUpProperties properties) {
    return new FollowUpPlanner(properties.lateLimit());
  }
}
