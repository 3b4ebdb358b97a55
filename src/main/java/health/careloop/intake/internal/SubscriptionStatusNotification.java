package health.careloop.intake.internal;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Parameters.ParametersParameterComponent;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Type;

/**
 * A notification Bundle of the R4 Subscriptions Backport IG, as far as CareLoop reads it: a Bundle
 * of type {@code history} whose first entry is a SubscriptionStatus {@code Parameters}
 * ({@code backport-subscription-status-r4}), followed by the resources of the events (or only their
 * {@code fullUrl}s, or nothing, as the Subscription's payload content says).
 *
 * @param subscription {@code Subscription/{id}}, the id of the Subscription's reference (whatever
 *     base the EHR gave it): what event numbers are counted per
 * @param topic the topic's canonical URL, if given
 * @param type {@code handshake}, {@code heartbeat}, {@code event-notification}, {@code query-status}
 *     or {@code query-event}
 * @param eventsSinceStart {@code events-since-subscription-start}, if given
 * @param eventNumbers the {@code event-number} of each {@code notification-event}
 * @param entries the Bundle's entries after the status
 */
record SubscriptionStatusNotification(String subscription, Optional<String> topic, Kind type,
    OptionalLong eventsSinceStart, List<Long> eventNumbers, List<BundleEntryComponent> entries) {

  enum Kind {
    HANDSHAKE, HEARTBEAT, EVENT_NOTIFICATION, QUERY_STATUS, QUERY_EVENT;

    static Optional<Kind> of(String code) {
      for (Kind t : values()) {
        if (t.name().replace('_', '-').toLowerCase(Locale.ROOT).equals(code)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  }

  /** The highest event number this notification tells of: its events', or the count since the start. */
  OptionalLong highestEventNumber() {
    OptionalLong highest = eventNumbers.stream().mapToLong(Long::longValue).max();
    return highest.isPresent() ? highest : eventsSinceStart;
  }

  /**
   * @throws InvalidRequestException (400) if the Bundle is not a Backport IG notification; the
   *     message names what is wrong, never a value the EHR sent
   */
  static SubscriptionStatusNotification of(Bundle bundle) {
    if (bundle.getType() != Bundle.BundleType.HISTORY) {
      throw malformed("CL-1120", "the notification Bundle's type must be 'history'");
    }
    if (bundle.getEntry().isEmpty() || !(bundle.getEntryFirstRep().getResource() instanceof Parameters status)) {
      throw malformed("CL-1121", "the notification Bundle's first entry must be a SubscriptionStatus Parameters");
    }
    Kind type = text(status, "type").flatMap(Kind::of).orElseThrow(() -> malformed("CL-1122",
        "the SubscriptionStatus has no 'type' of handshake, heartbeat, event-notification, query-status or query-event"));
    String subscription = parameter(status, "subscription").filter(Reference.class::isInstance)
        .map(r -> new IdType(((Reference) r).getReference()).getIdPart())
        .filter(id -> id != null && HookRequestChecks.FHIR_ID.matcher(id).matches())
        .map(id -> "Subscription/" + id)
        .orElseThrow(() -> malformed("CL-1123", "the SubscriptionStatus names no 'subscription' reference with a FHIR id"));
    OptionalLong since = number(status.getParameter(), "events-since-subscription-start", "CL-1124");
    List<Long> numbers = new ArrayList<>();
    for (ParametersParameterComponent p : status.getParameter()) {
      if ("notification-event".equals(p.getName())) {
        number(p.getPart(), "event-number", "CL-1124").ifPresent(numbers::add);
      }
    }
    return new SubscriptionStatusNotification(subscription, text(status, "topic"), type, since, List.copyOf(numbers),
        List.copyOf(bundle.getEntry().subList(1, bundle.getEntry().size())));
  }

  private static Optional<Type> parameter(Parameters status, String name) {
    return status.getParameter().stream().filter(p -> name.equals(p.getName()))
        .map(ParametersParameterComponent::getValue).filter(v -> v != null).findFirst();
  }

  private static Optional<String> text(Parameters status, String name) {
    return parameter(status, name).filter(Type::isPrimitive).map(Type::primitiveValue);
  }

  /** An event number: a string in R4 (no 64-bit integer there), an integer or decimal also taken. */
  private static OptionalLong number(List<ParametersParameterComponent> parameters, String name, String code) {
    Optional<Type> value = parameters.stream().filter(p -> name.equals(p.getName()))
        .map(ParametersParameterComponent::getValue).filter(v -> v != null && v.isPrimitive()).findFirst();
    if (value.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      long n = Long.parseLong(value.get().primitiveValue().trim());
      if (n < 0) {
        throw malformed(code, "'" + name + "' must not be negative");
      }
      return OptionalLong.of(n);
    } catch (NumberFormatException e) {
      throw malformed(code, "'" + name + "' must be a whole number");
    }
  }

  private static InvalidRequestException malformed(String code, String what) {
    return new InvalidRequestException(code + ": not a Subscriptions Backport notification: " + what);
  }
}
