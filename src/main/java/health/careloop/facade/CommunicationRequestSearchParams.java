package health.careloop.facade;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;

/**
 * A CommunicationRequest search as the client asked for it (each parameter may be null), passed
 * whole from the provider to {@link CommunicationRequestSearchTranslator}.
 *
 * @param patient {@code patient}: Reference(Patient)
 * @param subject {@code subject}: Reference(Patient), the same as {@code patient} for CareLoop
 * @param appointment {@code appointment}: Reference(Appointment), CareLoop's own parameter on
 *     {@code CommunicationRequest.about} (R4 defines no search parameter on {@code about})
 * @param status {@code status}: request-status codes
 * @param identifier {@code identifier}: CareLoop's message key
 * @param occurrence {@code occurrence}: the due time
 */
public record CommunicationRequestSearchParams(
    ReferenceAndListParam patient,
    ReferenceAndListParam subject,
    ReferenceAndListParam appointment,
    TokenAndListParam status,
    TokenAndListParam identifier,
    DateAndListParam occurrence) {}
