package health.careloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LanguageChoiceTest {

  private static final Set<String> AVAILABLE = Set.of("en", "fr");

  @Test
  void preferredLanguageWins_whenThereIsATemplate() {
    assertThat(LanguageChoice.choose(List.of("fr", "en"), AVAILABLE, "en")).isEqualTo("fr");
  }

  @Test
  void regionalTag_fallsBackToItsPrimaryLanguage() {
    assertThat(LanguageChoice.choose(List.of("fr-CA"), AVAILABLE, "en")).isEqualTo("fr");
  }

  @Test
  void nextLanguageOfTheRecipient_beforeTheFallback() {
    assertThat(LanguageChoice.choose(List.of("es", "fr"), AVAILABLE, "en")).isEqualTo("fr");
  }

  @Test
  void noKnownLanguage_givesTheFallback() {
    assertThat(LanguageChoice.choose(List.of("es"), AVAILABLE, "en")).isEqualTo("en");
    assertThat(LanguageChoice.choose(List.of(), AVAILABLE, "en")).isEqualTo("en");
  }

  @Test
  void configuredChain_isTriedBeforeTheFallback_afterEveryWantedLanguage() {
    Set<String> available = Set.of("en", "fr", "es");
    java.util.Map<String, List<String>> chains = java.util.Map.of("ca", List.of("es"), "br", List.of("fr"));

    assertThat(LanguageChoice.choose(List.of("ca-ES"), available, chains, "en")).isEqualTo("es");
    assertThat(LanguageChoice.choose(List.of("ca", "fr"), available, chains, "en"))
        .as("a language the recipient reads comes before a neighbour of another").isEqualTo("fr");
    assertThat(LanguageChoice.choose(List.of("br"), Set.of("en"), chains, "en")).isEqualTo("en");
  }
}
