package health.careloop.facade;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import java.util.function.Supplier;

/**
 * An operation that reads the EHR on the caller's behalf ({@code $preview}, {@code $sync}). If the
 * EHR cannot be reached, or answers with an error of its own (an expired token, a fault), the caller
 * gets a 503 that says so: not an internal error, and not the EHR's status, which would describe the
 * caller's request to CareLoop wrongly (an EHR 401 is not the integrator's).
 */
final class FromTheEhr {

  private FromTheEhr() {}

  /**
   * @param toDo what the EHR was needed for, after "could not be reached" (e.g. "to compute the preview")
   * @param whileDoing the same, after "answered 401" (e.g. "while the preview was computed")
   */
  static <T> T read(String toDo, String whileDoing, Supplier<T> read) {
    try {
      return read.get();
    } catch (FhirClientConnectionException e) {
      throw new UnclassifiedServerFailureException(503,
          "CL-2025: the EHR could not be reached " + toDo + "; try again later");
    } catch (BaseServerResponseException e) {
      throw new UnclassifiedServerFailureException(503,
          "CL-2025: the EHR answered " + e.getStatusCode() + " " + whileDoing + "; try again later");
    }
  }
}
