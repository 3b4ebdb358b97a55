package health.careloop.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WaitTest {

  private static final Instant SINCE = Instant.parse("2026-06-15T10:00:00Z");

  @Test
  void looksAMinuteLater_thenAsFarApartAsItHasWaited_atMostAQuarterOfAnHourApart_lastlyAtItsEnd() {
    Wait wait = new Wait(SINCE, SINCE.plus(Duration.ofHours(1)));

    List<Duration> looks = new ArrayList<>();
    Optional<Instant> look = Optional.of(wait.firstLook());
    while (look.isPresent()) {
      looks.add(Duration.between(SINCE, look.get()));
      look = wait.nextLook(look.get());
    }

    assertThat(looks).containsExactly(Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(4),
        Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(31), Duration.ofMinutes(46),
        Duration.ofMinutes(60));
  }

  @Test
  void aLookAtOrAfterTheEnd_endsTheWait() {
    Wait wait = new Wait(SINCE, SINCE.plus(Duration.ofMinutes(20)));

    assertThat(wait.nextLook(SINCE.plus(Duration.ofMinutes(20)))).isEmpty();
    assertThat(wait.nextLook(SINCE.plus(Duration.ofHours(3)))).as("after a long outage").isEmpty();
    assertThat(wait.nextLook(SINCE.plus(Duration.ofMinutes(19)))).contains(SINCE.plus(Duration.ofMinutes(20)));
  }

  @Test
  void aWaitShorterThanAMinute_looksOnceAtItsEnd_andOneOfNoTimeAtOnce() {
    assertThat(new Wait(SINCE, SINCE.plusSeconds(20)).firstLook()).isEqualTo(SINCE.plusSeconds(20));
    assertThat(new Wait(SINCE, SINCE).firstLook()).isEqualTo(SINCE);
    assertThat(new Wait(SINCE, SINCE).nextLook(SINCE)).isEmpty();
  }

  @Test
  void survivesSerialization_asTheSchedulerStoresIt() throws IOException, ClassNotFoundException {
    Wait wait = new Wait(SINCE, SINCE.plus(Duration.ofHours(1)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(wait);
    }
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(in.readObject()).isEqualTo(wait);
    }
  }
}
