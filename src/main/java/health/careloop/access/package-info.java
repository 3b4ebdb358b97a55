/**
 * Who may call CareLoop's FHIR API for integrators ({@code /fhir}): OAuth 2.0 bearer JWTs from the
 * configured issuer, SMART v2 scopes per interaction (docs/security.md). Spring Security validates
 * the token ({@code internal}); {@link health.careloop.access.FacadeAccessInterceptor} decides, on
 * the façade's HAPI server, what its scopes permit.
 *
 * <p>Refusals are OperationOutcomes: CL-2090 no token; CL-2094 a token not valid here (401, with
 * {@code WWW-Authenticate: Bearer}); CL-2091 no scope for the interaction; CL-2092 a patient-context
 * answer holding another patient's resource (403); CL-2093 a patient-context read of another
 * patient's resource (404).
 */
package health.careloop.access;
