package health.careloop.followup;

import ca.uhn.fhir.context.FhirContext;
import health.careloop.compose.ContentTexts;
import health.careloop.followup.internal.ContentLoader;
import health.careloop.followup.internal.LibraryTexts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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

  /** Loaded at start-up when switched on: a text missing or without its link stops CareLoop, naming the file. */
  @Bean
  @ConditionalOnProperty(prefix = "careloop.followup.medlineplus-connect", name = "enabled", havingValue = "true")
  MedlinePlusConnect medlinePlusConnect(FollowUpProperties properties) {
    FollowUpProperties.MedlinePlusConnectSettings settings = properties.medlineplusConnect();
    Map<String, String> texts = new HashMap<>();
    for (String language : MedlinePlusConnect.LANGUAGES) {
      Path file = settings.textDir().resolve(language + ".txt");
      try {
        texts.put(language, Files.readString(file, StandardCharsets.UTF_8).strip());
      } catch (IOException e) {
        throw new ContentLibraryException(file, "cannot be read (careloop.followup.medlineplus-connect.text-dir is "
            + settings.textDir() + "): " + e.getMessage());
      }
      if (!texts.get(language).contains("{{link}}")) {
        throw new ContentLibraryException(file, "has no {{link}} (careloop.followup.medlineplus-connect.text-dir)");
      }
    }
    log.warn("careloop.followup.medlineplus-connect.enabled is true: a diagnosis (ICD-10-CM, SNOMED CT) that no"
        + " follow-up item covers gets a link to MedlinePlus Connect, {} after the visit", settings.offset());
    return new MedlinePlusConnect(settings.offset(), texts);
  }

  @Bean
  FollowUpSelector followUpSelector(ContentLibrary followUpContentLibrary, FollowUpProperties properties,
      Optional<MedlinePlusConnect> medlinePlusConnect) {
    if (properties.allowDraftContent()) {
      log.warn("careloop.followup.allow-draft-content is true: follow-up items whose clinical review is not"
          + " current can be selected (flagged as draft). Not for real patients.");
    }
    return new FollowUpSelector(followUpContentLibrary, properties.allowDraftContent(), medlinePlusConnect);
  }

  /** The texts of follow-ups at send time, for write-back (which does not know the library). */
  @Bean
  ContentTexts followUpTexts(ContentLibrary followUpContentLibrary, FollowUpProperties properties,
      Optional<MedlinePlusConnect> medlinePlusConnect) {
    return new LibraryTexts(followUpContentLibrary, properties.allowDraftContent(), properties.lateLimit(),
        medlinePlusConnect);
  }

  @Bean
  FollowUpPlanner followUpPlanner(FollowUpProperties properties) {
    return new FollowUpPlanner(properties.lateLimit());
  }
}
