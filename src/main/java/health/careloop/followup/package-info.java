/**
 * Follow-up content: what CareLoop will send a patient after a finished visit (Encounter).
 *
 * <p>What exists (the first slice):
 *
 * <ul>
 *   <li>the content library in {@code config/content} (one FHIR {@code PlanDefinition} per item, one
 *       {@code ValueSet} per item saying which visits it is for, and the sensitive-conditions
 *       {@code ValueSet}), loaded and checked at start-up: bad content stops CareLoop, naming the
 *       file ({@code FollowUpConfiguration});
 *   <li>{@link health.careloop.followup.FollowUpSelector}: which items a visit's codes select, and
 *       why; nothing at all for a visit with a sensitive code; items whose clinical review is not
 *       current left out (or flagged as draft where the deployment allows draft content);
 *   <li>{@link health.careloop.followup.DueMessages}: the selected items' messages grouped by their
 *       offset after the visit, in the recipient's language.
 * </ul>
 *
 * <p>What does not exist yet: listening to Encounter events, reading the visit's codes from the EHR,
 * planning the follow-ups in CareLoop's database, sending them as {@code Communication}s, and the
 * checks at planning and send time (deceased patient, Encounter entered in error or changed). Nothing
 * in CareLoop calls the selector yet, so no follow-up is sent.
 */
package health.careloop.followup;
