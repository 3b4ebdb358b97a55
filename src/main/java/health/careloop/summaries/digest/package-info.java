/**
 * The clinicians' daily digest: each clinic morning, one Communication to each clinician with
 * appointments that day, listing per patient, in appointment order, the open work the clinician
 * summary lists (its reading and its text, reused). The day's appointments are read from the EHR
 * in {@code internal}, which also holds the daily run; the rest is pure but
 * {@link health.careloop.summaries.digest.ClinicianDigestTranslator}, which writes FHIR.
 */
package health.careloop.summaries.digest;
