package health.careloop.rules;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * How a patient who may be messaged is reached: the time zone their messages are timed in (their
 * guardians' too: they are timed for the patient's day), and who receives them.
 */
public record Reach(ZoneId zone, List<Addressee> addressees) {

  public Reach {
    Objects.requireNonNull(zone, "zone");
    addressees = List.copyOf(addressees);
  }
}
