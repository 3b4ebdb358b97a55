package health.careloop.writeback;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import health.careloop.ehr.EhrTokenUnavailable;
import health.careloop.schedule.WorkFailure;
import health.careloop.schedule.WorkFailures;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.springframework.stereotype.Component;

/**
 * What an EHR call's failure, as HAPI's client throws it, says about trying again. Worth another
 * try: the EHR unreachable or too slow, no access token for it (its authorization server down, or
 * refusing CareLoop's key until an operator fixes it), and the answers that say "not now" (408 Request Timeout,
 * 425 Too Early, 429 Too Many Requests, every 5xx). Not worth it: every other 4xx (400, 401, 403,
 * 404, 405, 409, 410, 412, 413, 415, 422, ...), a refusal of the request itself that the same
 * request meets again. Anything that is not an EHR answer (a bug, the database) is tried again,
 * as before.
 *
 * <p>The reason is logged and kept with the planned message, so it holds only the HTTP status and
 * the OperationOutcome's first issue code (a code from FHIR's issue-type code system): an EHR's
 * diagnostics and issue text may quote the resource, names and numbers included.
 */
@Component
public class EhrFailures implements WorkFailures {

  /** The 4xx answers that mean "not now" rather than "not this". */
  private static final Set<Integer> TRANSIENT_4XX = Set.of(408, 425, 429);
  private static final String RETRY_AFTER = "Retry-After";

  /**
   * A failure told for a log line: the HTTP status and issue code, or what kind of failure it was,
   * never its text (an EHR's diagnostics may quote the resource, names and numbers included).
   */
  public static String describe(Throwable failure) {
    return new EhrFailures().classify(failure, Instant.EPOCH).reason();
  }

  /** Pure: the failure alone decides. */
  @Override
  public WorkFailure classify(Throwable failure, Instant now) {
    List<Throwable> chain = causes(failure);
    Optional<Throwable> invalid = chain.stream().filter(InvalidAgainstProfile.class::isInstance).findFirst();
    if (invalid.isPresent()) {
      // CareLoop's own resource is wrong: writing it again would fail the same way.
      return WorkFailure.permanentFailure(invalid.get().getMessage());
    }
    Optional<EhrTokenUnavailable> noToken = chain.stream().filter(EhrTokenUnavailable.class::isInstance)
        .map(EhrTokenUnavailable.class::cast).findFirst();
    if (noToken.isPresent()) {
      // Nothing reached the EHR. An authorization server that is down comes back; one that refuses
      // CareLoop's key is fixed by an operator, not by the message: either way the message waits.
      return WorkFailure.transientFailure("no EHR token: " + noToken.get().reason(), Optional.empty());
    }
    if (chain.stream().anyMatch(t -> t instanceof SocketTimeoutException || t instanceof HttpTimeoutException)) {
      return WorkFailure.transientFailure("EHR timed out", Optional.empty());
    }
    if (chain.stream().anyMatch(t -> t instanceof FhirClientConnectionException || t instanceof ConnectException
        || t instanceof UnknownHostException || t instanceof NoRouteToHostException)) {
      return WorkFailure.transientFailure("EHR unreachable", Optional.empty());
    }
    Optional<BaseServerResponseException> answer = chain.stream()
        .filter(BaseServerResponseException.class::isInstance).map(BaseServerResponseException.class::cast)
        .findFirst();
    if (answer.isEmpty()) {
      return WorkFailure.transientFailure(failure.getClass().getSimpleName(), Optional.empty());
    }
    int status = answer.get().getStatusCode();
    String reason = "HTTP " + status + issueCode(answer.get()).map(code -> " (" + code + ")").orElse("");
    if (status >= 400 && status < 500 && !TRANSIENT_4XX.contains(status)) {
      return WorkFailure.permanentFailure(reason);
    }
    return WorkFailure.transientFailure(reason, retryAfter(answer.get(), now));
  }

  /** The failure and its causes, outermost first (a cycle ends it). */
  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = failure; t != null && !chain.contains(t) && chain.size() < 16; t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  private static Optional<String> issueCode(BaseServerResponseException answer) {
    if (answer.getOperationOutcome() instanceof OperationOutcome outcome && outcome.hasIssue()
        && outcome.getIssueFirstRep().getCode() != null && outcome.getIssueFirstRep().getCode() != OperationOutcome.IssueType.NULL) {
      return Optional.of(outcome.getIssueFirstRep().getCode().toCode());
    }
    return Optional.empty();
  }

  /** {@code Retry-After}: delay-seconds or an HTTP-date (RFC 9110 §10.2.3); anything else is ignored. */
  static Optional<Duration> retryAfter(BaseServerResponseException answer, Instant now) {
    if (!answer.hasResponseHeaders()) {
      return Optional.empty();
    }
    for (Map.Entry<String, List<String>> header : answer.getResponseHeaders().entrySet()) {
      if (RETRY_AFTER.equalsIgnoreCase(header.getKey()) && header.getValue() != null && !header.getValue().isEmpty()) {
        return parseRetryAfter(header.getValue().get(0), now);
      }
    }
    return Optional.empty();
  }

  static Optional<Duration> parseRetryAfter(String value, Instant now) {
    String trimmed = value == null ? "" : value.trim();
    if (trimmed.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
    }
    try {
      Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      return Optional.of(at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO);
    } catch (DateTimeParseException notADate) {
      return Optional.empty();
    }
  }
}
