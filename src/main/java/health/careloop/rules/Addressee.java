package health.careloop.rules;

import java.util.Objects;
import java.util.Optional;

/**
 * One person a patient's message goes to: the patient themself, or one of their guardians.
 *
 * @param guardian the guardian's reference (see {@link Guardian#reference()}); empty for the patient
 * @param preferredChannel the channel the EHR says they prefer ({@code sms}, {@code email},
 *     {@code phone}); empty if none is usable
 */
public record Addressee(Optional<String> guardian, Optional<String> preferredChannel) {

  public Addressee {
    Objects.requireNonNull(guardian, "guardian");
    Objects.requireNonNull(preferredChannel, "preferredChannel");
  }

  public static Addressee patient(Optional<String> preferredChannel) {
    return new Addressee(Optional.empty(), preferredChannel);
  }

  public static Addressee guardian(String reference, Optional<String> preferredChannel) {
    return new Addressee(Optional.of(reference), preferredChannel);
  }
}
