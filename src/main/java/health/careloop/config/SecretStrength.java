package health.careloop.config;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What CareLoop accepts as a secret ({@code careloop.subscriptions.secret},
 * {@code careloop.contact-keys.secret}). Whoever knows the subscription secret can post
 * notifications as the EHR; whoever knows the contact-key secret can tell whose name a guardian's
 * key stands for. So a secret must be one nobody can read or guess:
 * <ul>
 *   <li>visible ASCII only (it travels in an HTTP header: no spaces, no line breaks);</li>
 *   <li>not a placeholder: none of the values CareLoop's files ship or shipped, nothing containing
 *       "change-me", "changeme", "replace-me" or "replace-with";</li>
 *   <li>at least {@value #MIN_LENGTH} characters;</li>
 *   <li>random-looking: at least {@value #MIN_DISTINCT} different characters, at least
 *       {@value #MIN_BITS_PER_CHARACTER} bits of Shannon entropy per character (over the
 *       frequencies of its characters), and at most half of its neighbouring characters one apart
 *       ({@code abcd}, {@code 1234}, {@code dcba}).</li>
 * </ul>
 * This refuses the mistakes people make (a phrase, a repeated word, a keyboard run); it cannot
 * prove a value random. {@code openssl rand -base64 48} always passes (and {@code -hex 32} does).
 * Nothing here ever puts the value into a message: a rejected secret may be a real one, mistyped.
 */
public final class SecretStrength {

  public static final int MIN_LENGTH = 32;
  static final int MIN_DISTINCT = 10;
  static final double MIN_BITS_PER_CHARACTER = 3.0;
  static final String GENERATE = "openssl rand -base64 48";

  /** Every value CareLoop's own files have shipped as a secret: readable by anyone, so never a secret. */
  static final Set<String> SHIPPED = Set.of(
      "change-me-to-a-long-random-secret",
      "replace-with-a-long-random-secret",
      "change-me-to-a-random-secret-of-32-characters-or-more",
      "demo-only-contact-key-secret-for-made-up-patients");
  private static final Set<String> PLACEHOLDER_MARKS = Set.of("change-me", "changeme", "replace-me", "replace-with");

  private SecretStrength() {}

  /** Why {@code value} is not fit to be a secret ("is shorter than 32 characters"), or empty if it is. Never shows the value. */
  public static Optional<String> weakness(String value) {
    if (value == null || value.isBlank()) {
      return Optional.of("is missing");
    }
    if (!value.chars().allMatch(c -> c > ' ' && c < 127)) {
      return Optional.of("holds a character other than visible ASCII (letters, digits, punctuation)");
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (SHIPPED.contains(lower) || PLACEHOLDER_MARKS.stream().anyMatch(lower::contains)) {
      return Optional.of("is a placeholder, not a secret");
    }
    if (value.length() < MIN_LENGTH) {
      return Optional.of("is shorter than " + MIN_LENGTH + " characters");
    }
    if (value.chars().distinct().count() < MIN_DISTINCT || bitsPerCharacter(value) < MIN_BITS_PER_CHARACTER
        || mostlyOneApart(value)) {
      return Optional.of("does not look random (it needs at least " + MIN_DISTINCT + " different characters, "
          + MIN_BITS_PER_CHARACTER + " bits of entropy per character and no runs like abcd or 1234)");
    }
    return Optional.empty();
  }

  /**
   * Refuses a secret not fit for {@code key} with an {@link UnsafeSecretException} that names the
   * key, the problem and how to make a good one, never the value.
   *
   * @param environmentVariable where an operator sets it, named in the message
   */
  public static void require(String key, String environmentVariable, String value) {
    weakness(value).ifPresent(problem -> {
      throw new UnsafeSecretException(key, problem, "Set a random secret of at least " + MIN_LENGTH
          + " characters through " + environmentVariable + " (or a secrets store), never in a file under version"
          + " control; generate one with: " + GENERATE);
    });
  }

  /** Shannon entropy of the character frequencies, in bits per character. */
  private static double bitsPerCharacter(String value) {
    int[] counts = value.chars().collect(() -> new int[128], (c, ch) -> c[ch]++, (a, b) -> { });
    double bits = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / value.length();
        bits -= p * Math.log(p) / Math.log(2);
      }
    }
    return bits;
  }

  private static boolean mostlyOneApart(String value) {
    int oneApart = 0;
    for (int i = 1; i < value.length(); i++) {
      if (Math.abs(value.charAt(i) - value.charAt(i - 1)) == 1) {
        oneApart++;
      }
    }
    return oneApart * 2 > value.length() - 1;
  }
}
