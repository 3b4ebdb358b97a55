package health.careloop.ehr;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EhrPropertiesTest {

  @Test
  void theCombinedSearchsRetryTime_mayBeZero_butNotNegative_andTheMessageNamesTheKey() {
    assertThatCode(() -> with(Duration.ZERO)).doesNotThrowAnyException();
    assertThatThrownBy(() -> with(Duration.ofMinutes(-1)))
        .hasMessageContaining("careloop.ehr.combined-search-retry-after");
  }

  private static EhrProperties with(Duration combinedSearchRetryAfter) {
    return new EhrProperties(URI.create("https://ehr.example.org/fhir"), null, Duration.ofSeconds(5),
        Duration.ofSeconds(20), Duration.ofMinutes(5), NotificationMode.SUBSCRIPTIONS, combinedSearchRetryAfter);
  }
}
