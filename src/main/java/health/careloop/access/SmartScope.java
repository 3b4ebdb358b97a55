package health.careloop.access;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SMART App Launch resource scope, {@code <context>/<type>.<permissions>}: v2 permissions are a
 * subset of {@code cruds} in that order ({@code system/CommunicationRequest.rs}), v1's {@code read},
 * {@code write} and {@code *} are read as {@code rs}, {@code cud} and {@code cruds}.
 *
 * <p>A v2 scope with a query ({@code patient/Observation.rs?category=...}) grants less than the same
 * scope without it; CareLoop cannot apply such a restriction, so it grants nothing here rather than
 * everything (docs/security.md).
 *
 * @param context {@code patient}, {@code user} or {@code system}
 * @param resourceType a FHIR resource type, or {@code *} for all
 * @param permissions the granted letters of {@code cruds}
 */
public record SmartScope(String context, String resourceType, Set<Character> permissions) {

  private static final Pattern SCOPE =
      Pattern.compile("(patient|user|system)/(\\*|[A-Z][A-Za-z]+)\\.(c?r?u?d?s?|read|write|\\*)");

  /** The scope a token's scope value is, or empty for anything else (another kind of scope, a query). */
  public static Optional<SmartScope> parse(String scope) {
    Matcher matcher = SCOPE.matcher(scope);
    if (!matcher.matches() || matcher.group(3).isEmpty()) {
      return Optional.empty();
    }
    String permissions = switch (matcher.group(3)) {
      case "read" -> "rs";
      case "write" -> "cud";
      case "*" -> "cruds";
      default -> matcher.group(3);
    };
    return Optional.of(new SmartScope(matcher.group(1), matcher.group(2),
        Set.copyOf(permissions.chars().mapToObj(c -> (char) c).toList())));
  }

  /** Whether this scope grants {@code permission} ({@code r} read, {@code s} search, …) on {@code type}. */
  public boolean grants(String type, char permission) {
    return (resourceType.equals("*") || resourceType.equals(type)) && permissions.contains(permission);
  }

  /** Whether it reaches only the patient in the token's context. */
  public boolean patientContext() {
    return context.equals("patient");
  }
}
