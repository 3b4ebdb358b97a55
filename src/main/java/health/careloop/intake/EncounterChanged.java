package health.careloop.intake;

import health.careloop.rules.EncounterSnapshot;

/**
 * The EHR holds a new version of an Encounter. Published inside the inbox transaction.
 *
 * @param versionSeenWithOtherContent this version was received before with other content: the EHR's
 *     history was rewritten (see {@link AppointmentChanged})
 */
public record EncounterChanged(EncounterSnapshot encounter, boolean versionSeenWithOtherContent) {}
