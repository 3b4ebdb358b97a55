package health.careloop.facade;

import ca.uhn.fhir.rest.param.DateAndListParam;
import ca.uhn.fhir.rest.param.ReferenceAndListParam;
import ca.uhn.fhir.rest.param.TokenAndListParam;

/**
 * An AuditEvent search as the client asked for it (each parameter may be null), passed whole from
 * the provider to {@link AuditEventService}.
 *
 * @param patient {@code patient}: Reference(Patient), the patient an entry is about
 * @param date {@code date}: when it was recorded
 * @param agent {@code agent}: the client id of the façade client that asked (a token: the id alone)
 */
public record AuditEventSearchParams(ReferenceAndListParam patient, DateAndListParam date, TokenAndListParam agent) {}
