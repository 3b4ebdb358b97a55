package health.careloop.intake;

import health.careloop.rules.ResourceVersion;

/** The EHR holds a new version of an Encounter. Published inside the inbox transaction. */
public record EncounterChanged(String encounterId, ResourceVersion version, String status) {}
