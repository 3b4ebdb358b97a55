package health.careloop.rules;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * Whether a patient's Consents refuse a kind of message at a given time, read as FHIR R4 nests
 * provisions (docs/opt-out.md). Pure.
 *
 * <p>The root provision's type is the Consent's base rule; each nested provision is an exception
 * to its parent, and so on down. A provision applies to a message only while its period holds and
 * when its code (if it has one) names the message's kind, and only where its parent applies: an
 * exception never reaches outside the rule it is an exception to. Of the provisions that apply,
 * the most deeply nested one with a type decides; between two equally deep ones that disagree, the
 * refusal wins (the patient said no somewhere, and a message cannot be taken back).
 *
 * <p>A refusal counts as an opt-out only when it, or a provision it is nested in, names the kind:
 * a Consent that denies something without naming CareLoop's messages (record sharing, research)
 * is not read as one, because silencing reminders by mistake is a hazard too (a missed appointment).
 */
public final class OptOut {

  private OptOut() {}

  /**
   * @param consents the root provisions of the patient's active Consents
   * @return whether any of them refuses {@code kind} at {@code at}
   */
  public static boolean refuses(Collection<ConsentProvision> consents, MessageKind kind, Instant at) {
    return consents.stream()
        .map(root -> decide(root, kind, at, 0, false))
        .flatMap(Optional::stream)
        .anyMatch(decision -> decision.type() == ConsentProvision.Type.DENY && decision.namesKind());
  }

  /** What the most specific provision that applies decided, how deep it is, and whether the kind was named on its way. */
  private record Decision(ConsentProvision.Type type, int depth, boolean namesKind) {}

  private static Optional<Decision> decide(ConsentProvision provision, MessageKind kind, Instant at, int depth,
      boolean namedAbove) {
    if (!provision.holdsAt(at) || !provision.covers(kind)) {
      return Optional.empty();
    }
    boolean named = namedAbove || provision.coded();
    Optional<Decision> best = Optional.ofNullable(provision.type()).map(type -> new Decision(type, depth, named));
    for (ConsentProvision exception : provision.provisions()) {
      best = moreSpecific(best, decide(exception, kind, at, depth + 1, named));
    }
    return best;
  }

  private static Optional<Decision> moreSpecific(Optional<Decision> a, Optional<Decision> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() ? b : a;
    }
    Decision x = a.get();
    Decision y = b.get();
    if (x.depth() != y.depth()) {
      return x.depth() > y.depth() ? a : b;
    }
    return rank(x) >= rank(y) ? a : b;
  }

  /** Between equally specific decisions: an opt-out first, then any refusal, then a permit. */
  private static int rank(Decision decision) {
    if (decision.type() == ConsentProvision.Type.PERMIT) {
      return 0;
    }
    return decision.namesKind() ? 2 : 1;
  }
}
