package health.careloop.summaries;

import java.time.Instant;

/** Where a patient's open work is read from: the EHR ({@code internal}). */
public interface OpenWorkSource {

  /** The patient's open work as the EHR holds it now, with the overdue flags as of {@code now}. */
  OpenWork openWork(String patientId, Instant now);
}
