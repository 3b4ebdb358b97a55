package health.careloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResourceVersionTest {

  private static final Instant T0 = Instant.parse("2026-12-01T08:00:00Z");

  @Test
  void numericVersions_compareAsNumbers_notAsText() {
    assertThat(new ResourceVersion("10", null).isNewerThan(new ResourceVersion("9", null))).isTrue();
    assertThat(new ResourceVersion("9", null).isNewerThan(new ResourceVersion("10", null))).isFalse();
  }

  @Test
  void sameVersion_isNotNewer() {
    assertThat(new ResourceVersion("3", T0).isNewerThan(new ResourceVersion("3", T0))).isFalse();
  }

  @Test
  void opaqueVersions_fallBackToLastUpdated() {
    var older = new ResourceVersion("abc", T0);
    var newer = new ResourceVersion("xyz", T0.plusSeconds(1));
    assertThat(newer.isNewerThan(older)).isTrue();
    assertThat(older.isNewerThan(newer)).isFalse();
  }
}
