package health.careloop.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import health.careloop.intake.CatchUpProperties;
import health.careloop.support.CareLoopInstance;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.Parameters;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * CareLoop's catch-up ({@code POST /fhir/$sync} with {@code since}: the search by
 * {@code _lastUpdated} the start-up and safety-net catch-ups make, every Appointment found stored in
 * the inbox as a notification would be) over M Appointments loaded into the EHR; beside it, in the
 * same run, the same search paged through by a plain HAPI client with the same {@code _count}.
 * The appointments lie in the past: the inbox processing behind the catch-up plans nothing for them
 * and sends nothing, so it does not load the machine with dispatch during the measurement.
 */
final class CatchUpScenario {

  private final CareLoopInstance careLoop;
  private final IGenericClient ehr;

  CatchUpScenario(CareLoopInstance careLoop, IGenericClient ehr) {
    this.careLoop = careLoop;
    this.ehr = ehr;
  }

  /** @param since an instant before the appointments were loaded and after anything else was */
  Map<String, Object> run(int appointments, Instant since) throws Exception {
    int pageSize = careLoop.bean(CatchUpProperties.class).pageSize();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("appointments", appointments);
    result.put("pageSize", pageSize);

    // The EHR's pace before CareLoop's catch-up as well as after it: what the catch-up left behind
    // in the EHR (the searches planning made, kept in its database) can slow its paging after.
    long start = System.nanoTime();
    int rawFoundBefore = rawPaging(since, pageSize);
    double rawSecondsBefore = (System.nanoTime() - start) / 1e9;

    start = System.nanoTime();
    Parameters answer = sync(since);
    double careLoopSeconds = (System.nanoTime() - start) / 1e9;
    int found = ((org.hl7.fhir.r4.model.IntegerType) answer.getParameterValue("found")).getValue();
    result.put("careLoopFound", found);
    result.put("careLoopAccepted", ((org.hl7.fhir.r4.model.IntegerType) answer.getParameterValue("accepted")).getValue());
    result.put("careLoopSeconds", IntakeScenario.round(careLoopSeconds));
    double careLoopRate = IntakeScenario.round(found / careLoopSeconds);
    result.put("careLoopPerSecond", careLoopRate);

    start = System.nanoTime();
    int rawFound = rawPaging(since, pageSize);
    double rawSeconds = (System.nanoTime() - start) / 1e9;
    result.put("rawFound", rawFound);
    result.put("rawSeconds", IntakeScenario.round(rawSeconds));
    double rawRate = IntakeScenario.round(rawFound / rawSeconds);
    result.put("rawPerSecond", rawRate);
    result.put("ratioCareLoopToRaw", IntakeScenario.ratio(careLoopRate, rawRate));
    result.put("rawFoundBefore", rawFoundBefore);
    double rawRateBefore = IntakeScenario.round(rawFoundBefore / rawSecondsBefore);
    result.put("rawPerSecondBefore", rawRateBefore);
    result.put("ratioCareLoopToRawBefore", IntakeScenario.ratio(careLoopRate, rawRateBefore));
    result.put("pendingInboxAfter", careLoop.bean(JdbcTemplate.class).queryForObject(
        "select count(*) from inbox_event where outcome = 'PENDING'", Long.class));
    return result;
  }

  /** The façade's operation, as an operator calls it (a plain HTTP client: it may take many minutes). */
  private Parameters sync(Instant since) throws Exception {
    Parameters in = new Parameters();
    in.addParameter().setName("since").setValue(new InstantType(java.util.Date.from(since)));
    String body = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(in);
    HttpRequest request = careLoop.facadeRequest("/$sync")
        .header("Content-Type", "application/fhir+json")
        .timeout(Duration.ofHours(2))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("$sync answered " + response.statusCode());
    }
    return FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class, response.body());
  }

  /** The catch-up's search, every page, by a plain client: the EHR's own pace. */
  private int rawPaging(Instant since, int pageSize) {
    Bundle page = ehr.search().byUrl("Appointment?_lastUpdated=ge" + new InstantType(java.util.Date.from(since)).getValueAsString()
            + "&_sort=_lastUpdated&_count=" + pageSize)
        .cacheControl(new CacheControlDirective().setNoCache(true)).returnBundle(Bundle.class).execute();
    int found = 0;
    while (true) {
      found += (int) page.getEntry().stream()
          .filter(e -> e.getResource() != null && "Appointment".equals(e.getResource().fhirType())).count();
      if (page.getLink(Bundle.LINK_NEXT) == null) {
        return found;
      }
      page = ehr.loadPage().next(page).execute();
    }
  }
}
