package health.careloop.facade;

import ca.uhn.fhir.model.api.IQueryParameterOr;
import ca.uhn.fhir.rest.param.BaseAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.careloop.ehr.EhrReferences;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The search values every façade search reads the same way: references to the EHR's resources, and
 * dates on an instant. Whatever CareLoop cannot answer truthfully is refused with a 400 that names
 * the parameter, never ignored.
 */
final class SearchValues {

  private SearchValues() {}

  static <T extends IQueryParameterOr<?>> List<T> and(BaseAndListParam<T> param) {
    return param == null ? List.of() : param.getValuesAsQueryTokens();
  }

  /** A token parameter that takes its value plain: no modifier, no :text, no :missing. */
  static void requireNoModifier(TokenParam token, String name) {
    if (token.getModifier() != null || token.isText() || token.getMissing() != null) {
      throw new InvalidRequestException("CL-2007: " + name + " takes no modifier");
    }
  }

  // --- references ---

  /** The logical ids a reference parameter's alternatives name on the EHR (another server's: none). */
  static Set<String> ids(ReferenceOrListParam anyOf, String name, String type, EhrReferences ehr) {
    Set<String> ids = new HashSet<>();
    for (ReferenceParam reference : anyOf.getValuesAsQueryTokens()) {
      if (reference.getMissing() != null || reference.isMdmExpand()) {
        throw new InvalidRequestException("CL-2006: " + name + " takes no modifier but :" + type
            + " (give " + type + "/{id})");
      }
      if (reference.hasChain()) {
        throw new InvalidRequestException("CL-2006: chained search (" + name + "." + reference.getChain()
            + ") is not supported: CareLoop does not hold the EHR's " + type + "s; search the EHR for their ids");
      }
      String givenType = reference.getResourceType();
      if (givenType != null && !givenType.equals(type)) {
        throw new InvalidRequestException("CL-2005: " + name + " must reference a " + type + " (" + type
            + "/{id}, {id} or " + ehr.base() + "/" + type + "/{id}), not " + reference.getValue());
      }
      String id = reference.getIdPart();
      if (id == null || id.isBlank()) {
        throw new InvalidRequestException("CL-2005: " + name + " must name a " + type + " id, e.g. " + type + "/123");
      }
      if (ehr.isEhr(reference.getBaseUrl())) {
        ids.add(id);
      }
      // A reference to another server's resource is a valid question with no answer: it adds nothing.
    }
    return ids;
  }

  // --- dates ---

  /** [from, before) */
  record Period(Instant from, Instant before) {}

  /**
   * The bounds one date parameter sets on an instant: either may be null (no bound). A search value
   * stands for the whole period its precision names ({@code 2026-12-08} is that UTC day,
   * {@code 2026-12-08T09:30Z} that minute), [lo, hi). FHIR's prefixes on a point in time: eq within,
   * ge at or after lo, gt at or after hi, le before hi, lt before lo. Values without a time zone are
   * read as UTC, the zone CareLoop works in.
   */
  static Period bounds(DateOrListParam anyOf, String name) {
    if (anyOf.getValuesAsQueryTokens().size() != 1) {
      throw new InvalidRequestException("CL-2004: " + name + " takes one value per parameter; repeat the "
          + "parameter for a range (" + name + "=ge2026-12-01&" + name + "=lt2026-12-08)");
    }
    DateParam date = anyOf.getValuesAsQueryTokens().get(0);
    if (date.getMissing() != null) {
      throw new InvalidRequestException("CL-2004: " + name + " takes no modifier");
    }
    Period period = period(name, date.getValueAsString());
    ParamPrefixEnum prefix = date.getPrefix() == null ? ParamPrefixEnum.EQUAL : date.getPrefix();
    return switch (prefix) {
      case EQUAL -> period;
      case GREATERTHAN_OR_EQUALS -> new Period(period.from(), null);
      case GREATERTHAN -> new Period(period.before(), null);
      case LESSTHAN_OR_EQUALS -> new Period(null, period.before());
      case LESSTHAN -> new Period(null, period.from());
      default -> throw new InvalidRequestException("CL-2004: " + name + " supports the prefixes eq, ge, gt, le "
          + "and lt, not " + prefix.getValue());
    };
  }

  /**
   * Checks the syntax of one raw date value ({@code [prefix]date}) before HAPI parses it, so that a
   * malformed one is refused with a message naming the parameter (HAPI's own says only "Invalid
   * date/time format"). See {@link SearchSyntaxInterceptor}.
   */
  static void checkDateSyntax(String name, String raw) {
    String value = raw.trim();
    if (value.length() > 2 && Character.isLetter(value.charAt(0)) && Character.isLetter(value.charAt(1))) {
      if (ParamPrefixEnum.forValue(value.substring(0, 2)) == null) {
        throw new InvalidRequestException("CL-2003: " + name + " '" + raw + "' is neither a FHIR date nor a "
            + "prefix (eq, ge, gt, le, lt) and a date, e.g. ge2026-12-01 or lt2026-12-08T09:00:00Z");
      }
      value = value.substring(2);
    }
    period(name, value);
  }

  private static final Pattern TIME = Pattern.compile("T\\d{2}:\\d{2}(:\\d{2}(\\.(\\d+))?)?");

  static Period period(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException("CL-2003: " + name + " needs a date, e.g. ge2026-12-01 or lt2026-12-08T09:00:00Z");
    }
    try {
      if (value.length() == 4) {
        Year year = Year.parse(value);
        return new Period(start(year.atDay(1)), start(year.plusYears(1).atDay(1)));
      }
      if (value.length() == 7) {
        YearMonth month = YearMonth.parse(value);
        return new Period(start(month.atDay(1)), start(month.plusMonths(1).atDay(1)));
      }
      if (value.length() == 10) {
        LocalDate day = LocalDate.parse(value);
        return new Period(start(day), start(day.plusDays(1)));
      }
      TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parse(value);
      ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS) ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
      Instant from = LocalDateTime.from(parsed).toInstant(offset);
      Matcher time = TIME.matcher(value);
      time.find(); // ISO_DATE_TIME has just required the THH:mm it looks for
      Duration precision = time.group(1) == null ? Duration.ofMinutes(1)
          : time.group(3) == null ? Duration.ofSeconds(1)
          : Duration.ofNanos((long) Math.pow(10, 9 - Math.min(9, time.group(3).length())));
      return new Period(from, from.plus(precision));
    } catch (DateTimeParseException e) {
      throw new InvalidRequestException("CL-2003: " + name + " '" + value + "' is not a FHIR date or dateTime "
          + "(e.g. 2026-12-08, 2026-12-08T09:30:00Z" + (value.contains(" ") ? "; encode a + in the URL as %2B" : "")
          + ")");
    }
  }

  private static Instant start(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
