package health.careloop.ehr;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import health.careloop.CareLoopFhir;
import health.careloop.rules.ConsentProvision;
import health.careloop.rules.MessageKind;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Consent;
import org.hl7.fhir.r4.model.DateTimeType;

/**
 * FHIR Consent → the provision tree {@link health.careloop.rules.OptOut} decides on
 * (docs/opt-out.md) and {@link health.careloop.rules.FamilyPermission} decide on
 * (docs/family-updates.md). Only what CareLoop reads is carried over: each provision's type, period,
 * message-kind codes, actors' references and purposes, and its nested provisions. The actors'
 * roles, action, securityLabel, class, data and dataPeriod are not.
 */
final class ConsentTranslator {

  private ConsentTranslator() {}

  /** The Consent's root provision; empty when it has none (then it says nothing about messages). */
  static Optional<ConsentProvision> toProvision(Consent consent) {
    return consent.hasProvision() ? Optional.of(provision(consent.getProvision())) : Optional.empty();
  }

  private static ConsentProvision provision(Consent.ProvisionComponent provision) {
    return new ConsentProvision(
        type(provision),
        provision.getPeriod().hasStart() ? start(provision.getPeriod().getStartElement()) : null,
        provision.getPeriod().hasEnd() ? end(provision.getPeriod().getEndElement()) : null,
        provision.hasCode(),
        kinds(provision),
        provision.getProvision().stream().map(ConsentTranslator::provision).toList(),
        // Only the EHR's own (relative) references: a RelatedPerson/34 on another server is not ours.
        provision.getActor().stream()
            .filter(actor -> actor.getReference().hasReference() && !actor.getReference().getReferenceElement().hasBaseUrl())
            .map(actor -> actor.getReference().getReferenceElement().toUnqualifiedVersionless().getValue())
            .collect(Collectors.toSet()),
        provision.getPurpose().stream().map(p -> p.getSystem() + "|" + p.getCode()).collect(Collectors.toSet()));
  }

  private static ConsentProvision.Type type(Consent.ProvisionComponent provision) {
    if (!provision.hasType()) {
      return null;
    }
    return switch (provision.getType()) {
      case PERMIT -> ConsentProvision.Type.PERMIT;
      case DENY -> ConsentProvision.Type.DENY;
      case NULL -> null;
    };
  }

  /** CareLoop's message kinds among the provision's codings; a code CareLoop does not know names none. */
  private static Set<MessageKind> kinds(Consent.ProvisionComponent provision) {
    Set<MessageKind> kinds = EnumSet.noneOf(MessageKind.class);
    provision.getCode().stream()
        .flatMap(code -> code.getCoding().stream())
        .filter(coding -> CareLoopFhir.MESSAGE_KIND_SYSTEM.equals(coding.getSystem()))
        .map(Coding::getCode)
        .forEach(code -> Arrays.stream(MessageKind.values()).filter(k -> k.code().equals(code)).forEach(kinds::add));
    return kinds;
  }

  /**
   * The first instant a period's start covers. A date without a time (a day, a month, a year) has
   * no time zone in FHIR: it is read in UTC.
   */
  static Instant start(DateTimeType start) {
    return hasTime(start) ? start.getValue().toInstant() : firstDay(start).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /**
   * The first instant after what a period's end covers: the end is inclusive to its precision, so
   * "2026-06-30" covers the whole of that day (UTC) and "2026-06-30T17:00:00+01:00" that minute
   * (to the second given: that second).
   */
  static Instant end(DateTimeType end) {
    TemporalPrecisionEnum precision = end.getPrecision();
    if (hasTime(end)) {
      return precision.add(end.getValue(), 1).toInstant();
    }
    LocalDate first = firstDay(end);
    LocalDate after = switch (precision) {
      case YEAR -> first.plusYears(1);
      case MONTH -> first.plusMonths(1);
      default -> first.plusDays(1);
    };
    return after.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static boolean hasTime(DateTimeType value) {
    return value.getPrecision().ordinal() > TemporalPrecisionEnum.DAY.ordinal();
  }

  /** The first day a date of year, month or day precision covers (BaseDateTimeType's months count from 0). */
  private static LocalDate firstDay(DateTimeType value) {
    TemporalPrecisionEnum precision = value.getPrecision();
    int month = precision == TemporalPrecisionEnum.YEAR ? 1 : value.getMonth() + 1;
    int day = precision == TemporalPrecisionEnum.DAY ? value.getDay() : 1;
    return LocalDate.of(value.getYear(), month, day);
  }
}
