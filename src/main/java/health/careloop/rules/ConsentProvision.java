package health.careloop.rules;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One provision of a FHIR Consent, reduced to what {@link OptOut} reads (docs/opt-out.md): its
 * decision, when it holds, which of CareLoop's message kinds its code names, and the provisions
 * nested in it, each an exception to it. {@code ehr} translates a Consent's provision tree into
 * this one; nothing here knows FHIR.
 *
 * @param type {@link Type#PERMIT} or {@link Type#DENY}; null when the provision states none
 * @param from when it starts to hold (inclusive); null when it has no start
 * @param until when it stops holding (exclusive); null when it has no end
 * @param coded whether it has a code at all. Without one it holds for every kind its parent holds
 *     for; with one it holds only for the kinds in {@code kinds}, so a provision coded for
 *     something else (record sharing, research) holds for none of CareLoop's messages
 * @param kinds the message kinds its code names in {@code https://careloop.health/fhir/CodeSystem/message-kind}
 * @param provisions the provisions nested in it: exceptions to it
 * @param actors the references its {@code actor}s name ({@code RelatedPerson/<id>}...): whom it is
 *     about, when it names anyone ({@link FamilyPermission} reads them; {@link OptOut} does not)
 * @param purposes its {@code purpose} codings, {@code system|code}: what use it permits or denies
 */
public record ConsentProvision(
    Type type,
    Instant from,
    Instant until,
    boolean coded,
    Set<MessageKind> kinds,
    List<ConsentProvision> provisions,
    Set<String> actors,
    Set<String> purposes) {

  /** FHIR's consent-provision-type. */
  public enum Type { PERMIT, DENY }

  public ConsentProvision {
    kinds = Set.copyOf(kinds);
    provisions = List.copyOf(provisions);
    actors = Set.copyOf(actors);
    purposes = Set.copyOf(purposes);
    if (!coded && !kinds.isEmpty()) {
      throw new IllegalArgumentException("A provision without a code names no message kind");
    }
  }

  /** A provision that names no actor and no purpose: all an opt-out reads. */
  public ConsentProvision(Type type, Instant from, Instant until, boolean coded, Set<MessageKind> kinds,
      List<ConsentProvision> provisions) {
    this(type, from, until, coded, kinds, provisions, Set.of(), Set.of());
  }

  /** Whether {@code at} is within the provision's period (never, for a period that ends before it starts). */
  boolean holdsAt(Instant at) {
    Objects.requireNonNull(at, "at");
    return (from == null || !at.isBefore(from)) && (until == null || at.isBefore(until));
  }

  /** Whether its code (if it has one) covers {@code kind}. */
  boolean covers(MessageKind kind) {
    return !coded || kinds.contains(kind);
  }
}
