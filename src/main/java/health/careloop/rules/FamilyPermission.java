package health.careloop.rules;

import java.time.Instant;
import java.util.Collection;

/**
 * Whether the patient's Consents permit someone close to them to be told about them for a purpose
 * (docs/family-updates.md). Pure.
 *
 * <p>Permission must be given, never assumed: a root provision of type permit, holding at the time,
 * naming the person as an actor and the purpose among its purposes. A provision nested in it that
 * denies, holds at the time and names that person (or no one: then it is about everyone the
 * permit names) withdraws it for them. A Consent about something else (record sharing, an opt-out
 * of reminders) permits nothing here, whoever it names. A Consent that refuses the message kind
 * ({@link OptOut}) is the caller's to check as for every message.
 */
public final class FamilyPermission {

  private FamilyPermission() {}

  /**
   * @param consents the root provisions of the patient's active Consents
   * @param person the reference of the person to tell, e.g. {@code RelatedPerson/12}
   * @param purpose the purpose of use the permit must name, {@code system|code}
   */
  public static boolean permits(Collection<ConsentProvision> consents, String person, String purpose, Instant at) {
    return consents.stream().anyMatch(root -> root.type() == ConsentProvision.Type.PERMIT && root.holdsAt(at)
        && root.actors().contains(person) && root.purposes().contains(purpose)
        && root.provisions().stream().noneMatch(exception -> withdraws(exception, person, at)));
  }

  private static boolean withdraws(ConsentProvision exception, String person, Instant at) {
    return exception.type() == ConsentProvision.Type.DENY && exception.holdsAt(at)
        && (exception.actors().isEmpty() || exception.actors().contains(person));
  }
}
