/**
 * The clinician task summary: when an encounter has finished, a short text for the clinicians
 * responsible for it of the patient's open work in the EHR (open Tasks, unbooked referrals, orders
 * still without a result, the next appointments), overdue work first. The reading is in
 * {@code internal} (HAPI's client); everything else here works on plain records, but
 * {@link health.careloop.summaries.EncounterParticipants} and
 * {@link health.careloop.summaries.ClinicianSummaryTranslator}, which translate from and to FHIR.
 */
package health.careloop.summaries;
