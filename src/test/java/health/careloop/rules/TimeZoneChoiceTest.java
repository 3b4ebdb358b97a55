package health.careloop.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimeZoneChoiceTest {

  private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  @Test
  void patientZone_beforeLocation_beforeDefault() {
    assertThat(TimeZoneChoice.choose(Optional.of(PARIS), Optional.of(NEW_YORK), LONDON)).isEqualTo(PARIS);
    assertThat(TimeZoneChoice.choose(Optional.empty(), Optional.of(NEW_YORK), LONDON)).isEqualTo(NEW_YORK);
    assertThat(TimeZoneChoice.choose(Optional.empty(), Optional.empty(), LONDON)).isEqualTo(LONDON);
  }

  @Test
  void unknownOrMissingZone_isIgnored() {
    assertThat(TimeZoneChoice.parse("Mars/Olympus_Mons")).isEmpty();
    assertThat(TimeZoneChoice.parse(" ")).isEmpty();
    assertThat(TimeZoneChoice.parse("America/New_York")).contains(NEW_YORK);
  }
}
