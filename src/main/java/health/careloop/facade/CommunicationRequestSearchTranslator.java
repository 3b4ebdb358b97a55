package health.careloop.facade;

import ca.uhn.fhir.model.api.IQueryParameterOr;
import ca.uhn.fhir.rest.param.BaseAndListParam;
import ca.uhn.fhir.rest.param.DateOrListParam;
import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.ParamPrefixEnum;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import ca.uhn.fhir.rest.param.TokenParam;
import ca.uhn.fhir.rest.param.TokenParamModifier;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import health.careloop.CareLoopFhir;
import health.careloop.ehr.EhrReferences;
import health.careloop.schedule.PlannedMessageSearch;
import health.careloop.schedule.PlannedMessageStatus;
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
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.CommunicationRequest.CommunicationRequestStatus;
import org.springframework.stereotype.Component;

/**
 * {@link CommunicationRequestSearchParams} → {@link PlannedMessageSearch}. Whatever CareLoop cannot
 * answer truthfully is refused with a 400 that says why (codes CL-2001 to CL-2009), never ignored:
 * an ignored criterion would return more than the client asked for.
 */
@Component
class CommunicationRequestSearchTranslator {

  static final String REQUEST_STATUS_SYSTEM = CommunicationRequestStatus.ACTIVE.getSystem();

  /**
   * Every R4 request-status code and the planned-message statuses it stands for (the reverse of
   * {@link PlannedMessageTranslator#status}). Codes CareLoop never gives match nothing.
   */
  static final Map<String, Set<PlannedMessageStatus>> STATUS_CODES = statusCodes();

  private final EhrReferences ehr;

  public CommunicationRequestSearchTranslator(EhrReferences ehr) {
    this.ehr = ehr;
  }

  public PlannedMessageSearch toSearch(CommunicationRequestSearchParams params) {
    PlannedMessageSearch search = PlannedMessageSearch.all();
    for (ReferenceOrListParam anyOf : and(params.patient())) {
      search = search.withPatientIn(ids(anyOf, "patient", "Patient"));
    }
    for (ReferenceOrListParam anyOf : and(params.subject())) {
      search = search.withPatientIn(ids(anyOf, "subject", "Patient"));
    }
    for (ReferenceOrListParam anyOf : and(params.appointment())) {
      search = search.withAppointmentIn(ids(anyOf, "appointment", "Appointment"));
    }
    for (TokenOrListParam anyOf : and(params.status())) {
      search = search.withStatusIn(statuses(anyOf));
    }
    for (TokenOrListParam anyOf : and(params.identifier())) {
      Set<String> keys = messageKeys(anyOf);
      if (keys != null) {
        search = search.withMessageKeyIn(keys);
      }
    }
    for (DateOrListParam anyOf : and(params.occurrence())) {
      search = withOccurrence(search, anyOf);
    }
    return search;
  }

  // --- references ---

  private Set<String> ids(ReferenceOrListParam anyOf, String name, String type) {
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

  // --- tokens ---

  private static Set<PlannedMessageStatus> statuses(TokenOrListParam anyOf) {
    Set<PlannedMessageStatus> statuses = EnumSet.noneOf(PlannedMessageStatus.class);
    for (TokenParam token : anyOf.getValuesAsQueryTokens()) {
      TokenParamModifier modifier = token.getModifier();
      if ((modifier != null && modifier != TokenParamModifier.NOT) || token.isText() || token.getMissing() != null) {
        throw new InvalidRequestException("CL-2007: status takes no modifier but :not");
      }
      if (token.getSystem() != null && !token.getSystem().isBlank() && !token.getSystem().equals(REQUEST_STATUS_SYSTEM)) {
        throw new InvalidRequestException("CL-2002: status codes are from " + REQUEST_STATUS_SYSTEM
            + " (or give the code alone), not " + token.getSystem());
      }
      Set<PlannedMessageStatus> meant = STATUS_CODES.get(token.getValue());
      if (meant == null) {
        throw new InvalidRequestException("CL-2001: unknown CommunicationRequest status '" + token.getValue()
            + "'; the codes are " + String.join(", ", STATUS_CODES.keySet()));
      }
      if (modifier == TokenParamModifier.NOT) {
        Set<PlannedMessageStatus> others = EnumSet.allOf(PlannedMessageStatus.class);
        others.removeAll(meant);
        statuses.addAll(others);
      } else {
        statuses.addAll(meant);
      }
    }
    return statuses;
  }

  /** The keys asked for, or null when one alternative allows any key (system only, no value). */
  private static Set<String> messageKeys(TokenOrListParam anyOf) {
    Set<String> keys = new HashSet<>();
    for (TokenParam token : anyOf.getValuesAsQueryTokens()) {
      if (token.getModifier() != null || token.isText() || token.getMissing() != null) {
        throw new InvalidRequestException("CL-2007: identifier takes no modifier");
      }
      String system = token.getSystem();
      boolean ours = system == null || system.isBlank() || system.equals(CareLoopFhir.MESSAGE_IDENTIFIER_SYSTEM);
      if (!ours) {
        continue; // CareLoop's requests carry no identifier of another system: matches nothing.
      }
      if (token.getValue() == null || token.getValue().isBlank()) {
        return null;
      }
      keys.add(token.getValue());
    }
    return keys;
  }

  // --- dates ---

  /**
   * The due time is an instant; a search value stands for the whole period its precision names
   * ({@code 2026-12-08} is that UTC day, {@code 2026-12-08T09:30Z} that minute), [lo, hi). FHIR's
   * prefixes on a point in time: eq within, ge at or after lo, gt at or after hi, le before hi,
   * lt before lo. Values without a time zone are read as UTC, the zone CareLoop works in.
   */
  private static PlannedMessageSearch withOccurrence(PlannedMessageSearch search, DateOrListParam anyOf) {
    if (anyOf.getValuesAsQueryTokens().size() != 1) {
      throw new InvalidRequestException("CL-2004: occurrence takes one value per parameter; repeat the "
          + "parameter for a range (occurrence=ge2026-12-01&occurrence=lt2026-12-08)");
    }
    DateParam date = anyOf.getValuesAsQueryTokens().get(0);
    if (date.getMissing() != null) {
      throw new InvalidRequestException("CL-2004: occurrence takes no modifier");
    }
    Period period = period(date.getValueAsString());
    ParamPrefixEnum prefix = date.getPrefix() == null ? ParamPrefixEnum.EQUAL : date.getPrefix();
    return switch (prefix) {
      case EQUAL -> search.withDueFrom(period.from()).withDueBefore(period.before());
      case GREATERTHAN_OR_EQUALS -> search.withDueFrom(period.from());
      case GREATERTHAN -> search.withDueFrom(period.before());
      case LESSTHAN_OR_EQUALS -> search.withDueBefore(period.before());
      case LESSTHAN -> search.withDueBefore(period.from());
      default -> throw new InvalidRequestException("CL-2004: occurrence supports the prefixes eq, ge, gt, le "
          + "and lt, not " + prefix.getValue());
    };
  }

  /**
   * Checks the syntax of one raw {@code occurrence} value ({@code [prefix]date}) before HAPI parses
   * it, so that a malformed one is refused with a message naming the parameter (HAPI's own says
   * only "Invalid date/time format"). See {@link SearchSyntaxInterceptor}.
   */
  static void checkOccurrenceSyntax(String raw) {
    String value = raw.trim();
    if (value.length() > 2 && Character.isLetter(value.charAt(0)) && Character.isLetter(value.charAt(1))) {
      if (ParamPrefixEnum.forValue(value.substring(0, 2)) == null) {
        throw new InvalidRequestException("CL-2003: occurrence '" + raw + "' is neither a FHIR date nor a "
            + "prefix (eq, ge, gt, le, lt) and a date, e.g. ge2026-12-01 or lt2026-12-08T09:00:00Z");
      }
      value = value.substring(2);
    }
    period(value);
  }

  /** [from, before) */
  record Period(Instant from, Instant before) {}

  private static final Pattern TIME = Pattern.compile("T\\d{2}:\\d{2}(:\\d{2}(\\.(\\d+))?)?");

  static Period period(String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException("CL-2003: occurrence needs a date, e.g. ge2026-12-01 or lt2026-12-08T09:00:00Z");
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
      throw new InvalidRequestException("CL-2003: occurrence '" + value + "' is not a FHIR date or dateTime "
          + "(e.g. 2026-12-08, 2026-12-08T09:30:00Z" + (value.contains(" ") ? "; encode a + in the URL as %2B" : "")
          + ")");
    }
  }

  private static Instant start(LocalDate day) {
    return day.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  // --- helpers ---

  private static <T extends IQueryParameterOr<?>> List<T> and(BaseAndListParam<T> param) {
    return param == null ? List.of() : param.getValuesAsQueryTokens();
  }

  /** Derived from {@link PlannedMessageTranslator#status}, so the two can never disagree. */
  private static Map<String, Set<PlannedMessageStatus>> statusCodes() {
    Map<String, Set<PlannedMessageStatus>> codes = new LinkedHashMap<>();
    for (CommunicationRequestStatus code : CommunicationRequestStatus.values()) {
      if (code != CommunicationRequestStatus.NULL) {
        codes.put(code.toCode(), EnumSet.noneOf(PlannedMessageStatus.class));
      }
    }
    for (PlannedMessageStatus status : PlannedMessageStatus.values()) {
      codes.get(PlannedMessageTranslator.status(status).toCode()).add(status);
    }
    codes.replaceAll((code, statuses) -> Collections.unmodifiableSet(statuses));
    return Collections.unmodifiableMap(codes);
  }
}
