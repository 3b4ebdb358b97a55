package health.careloop.ehr;

import ca.uhn.fhir.rest.api.CacheControlDirective;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.springframework.stereotype.Component;

/** Whether the EHR changed resources of a type in a time window: one cheap count, no resource read. */
@Component
public class EhrChanges {

  private final IGenericClient ehr;

  EhrChanges(IGenericClient ehr) {
    this.ehr = ehr;
  }

  /**
   * How many resources of {@code resourceType} the EHR last changed after {@code after} and before
   * {@code before} ({@code _lastUpdated}, {@code _summary=count}: the EHR sends a total, no resource).
   */
  public int count(String resourceType, Instant after, Instant before) {
    Bundle counted = ehr.search().byUrl(resourceType + "?_lastUpdated=gt" + inQuery(after)
            + "&_lastUpdated=lt" + inQuery(before) + "&_summary=count")
        // EHRs (HAPI among them) may answer a repeated search from a cache: ask for the truth.
        .cacheControl(new CacheControlDirective().setNoCache(true))
        .returnBundle(Bundle.class).execute();
    return counted.getTotal();
  }

  private static String inQuery(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
